import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
} from 'node:crypto';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

const secrets = new SecretsManagerClient({});

/** What the custom resource returns to CloudFormation: never the private key. */
export interface KeyPairResponse {
  PhysicalResourceId: string;
  Data?: { PublicJwk: string };
}

/**
 * Custom resource (provider framework `onEvent`) that gives the gateway its Ed25519 key pair:
 * on Create it generates the pair, stores the private JWK in the secret named by
 * `SecretArn` and returns the public JWK as `PublicJwk`, which the subgraphs receive as
 * `GATEWAY_PUBLIC_KEY`. On Update it derives the public key from the stored private key, so a
 * redeploy keeps the pair; a new secret (a replacement) gets a new pair. Delete leaves the
 * secret to CloudFormation.
 *
 * @param event - the CloudFormation custom resource event
 */
export async function handler(event: CloudFormationCustomResourceEvent): Promise<KeyPairResponse> {
  const secretArn = String(event.ResourceProperties.SecretArn);
  if (event.RequestType === 'Delete') {
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  if (event.RequestType === 'Update' && event.PhysicalResourceId === secretArn) {
    return { PhysicalResourceId: secretArn, Data: { PublicJwk: await storedPublicJwk(secretArn) } };
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  await secrets.send(
    new PutSecretValueCommand({
      SecretId: secretArn,
      SecretString: JSON.stringify(privateKey.export({ format: 'jwk' })),
    }),
  );
  return {
    PhysicalResourceId: secretArn,
    Data: { PublicJwk: JSON.stringify(publicKey.export({ format: 'jwk' })) },
  };
}

async function storedPublicJwk(secretArn: string): Promise<string> {
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const privateJwk = JSON.parse(SecretString ?? '{}') as JsonWebKey;
  const publicKey = createPublicKey(createPrivateKey({ key: privateJwk, format: 'jwk' }));
  return JSON.stringify(publicKey.export({ format: 'jwk' }));
}
