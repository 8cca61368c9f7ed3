import { createPrivateKey, createPublicKey, type JsonWebKey, sign, verify } from 'node:crypto';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Secrets Manager is not reachable without an account: an in-memory stand-in records the values.
const stored = new Map<string, string>();
vi.mock('@aws-sdk/client-secrets-manager', () => ({
  SecretsManagerClient: class {
    async send(command: { kind: string; input: { SecretId: string; SecretString?: string } }) {
      if (command.kind === 'put')
        stored.set(command.input.SecretId, command.input.SecretString ?? '');
      return { SecretString: stored.get(command.input.SecretId) };
    }
  },
  PutSecretValueCommand: class {
    readonly kind = 'put';
    constructor(readonly input: unknown) {}
  },
  GetSecretValueCommand: class {
    readonly kind = 'get';
    constructor(readonly input: unknown) {}
  },
}));

const { handler } = await import('#infra/constructs/gateway-key-pair/handler');

const SECRET_ARN = 'arn:aws:secretsmanager:eu-north-1:123456789012:secret:gateway-key-AbCdEf';

function event(
  requestType: 'Create' | 'Update' | 'Delete',
  secretArn = SECRET_ARN,
  physicalResourceId = SECRET_ARN,
): CloudFormationCustomResourceEvent {
  const common = {
    ServiceToken: 'token',
    ResponseURL: 'https://example.invalid',
    StackId: 'stack',
    RequestId: 'request',
    LogicalResourceId: 'GatewayKeyPair',
    ResourceType: 'Custom::GatewayKeyPair',
    ResourceProperties: { ServiceToken: 'token', SecretArn: secretArn },
  };
  if (requestType === 'Create') return { ...common, RequestType: 'Create' };
  if (requestType === 'Delete') {
    return { ...common, RequestType: 'Delete', PhysicalResourceId: physicalResourceId };
  }
  return {
    ...common,
    RequestType: 'Update',
    PhysicalResourceId: physicalResourceId,
    OldResourceProperties: { ServiceToken: 'token', SecretArn: physicalResourceId },
  };
}

function publicJwkOf(response: { Data?: { PublicJwk: string } }): JsonWebKey {
  return JSON.parse(response.Data?.PublicJwk ?? '{}') as JsonWebKey;
}

beforeEach(() => stored.clear());

describe('the gateway key pair custom resource', () => {
  it('creates an Ed25519 pair: the private JWK in the secret, the public one returned', async () => {
    // Prepare
    const message = Buffer.from('identity assertion');
    // Act
    const response = await handler(event('Create'));
    // Assess
    const privateJwk = JSON.parse(stored.get(SECRET_ARN) ?? '{}') as JsonWebKey;
    const publicJwk = publicJwkOf(response);
    expect(response.PhysicalResourceId).toBe(SECRET_ARN);
    expect(publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String) });
    expect(publicJwk).not.toHaveProperty('d');
    const signature = sign(null, message, createPrivateKey({ key: privateJwk, format: 'jwk' }));
    expect(
      verify(null, message, createPublicKey({ key: publicJwk, format: 'jwk' }), signature),
    ).toBe(true);
  });

  it('keeps the pair on an update of the same secret', async () => {
    // Prepare
    const created = await handler(event('Create'));
    // Act
    const updated = await handler(event('Update'));
    // Assess
    expect(publicJwkOf(updated)).toEqual(publicJwkOf(created));
    expect(updated.PhysicalResourceId).toBe(SECRET_ARN);
  });

  it('makes a new pair when the secret is replaced', async () => {
    // Prepare
    const created = await handler(event('Create'));
    const replacement = `${SECRET_ARN}-2`;
    // Act
    const updated = await handler(event('Update', replacement, SECRET_ARN));
    // Assess
    expect(updated.PhysicalResourceId).toBe(replacement);
    expect(publicJwkOf(updated)).not.toEqual(publicJwkOf(created));
    expect(stored.has(replacement)).toBe(true);
  });

  it('leaves the secret to CloudFormation on delete', async () => {
    // Prepare
    await handler(event('Create'));
    // Act
    const deleted = await handler(event('Delete'));
    // Assess
    expect(deleted).toEqual({ PhysicalResourceId: SECRET_ARN });
    expect(stored.has(SECRET_ARN)).toBe(true);
  });
});
