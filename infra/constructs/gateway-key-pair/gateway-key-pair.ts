import { CustomResource, Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { NextworkFunction } from '../nextwork-function.ts';

/** Settings of the gateway's key pair. */
export interface GatewayKeyPairProps {
  /** Encrypts the private key's secret. */
  encryptionKey: IKey;
  stage: string;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

/**
 * The gateway's Ed25519 key pair for the identity assertions it sends to the subgraphs: the
 * private JWK in a Secrets Manager secret (customer-managed key) that only the gateway reads,
 * the public JWK as a plain value for the subgraphs' `GATEWAY_PUBLIC_KEY` (it is public).
 * Generated once, by a custom resource, inside the account: no key material passes through
 * the deploying machine or the template.
 */
export class GatewayKeyPair extends Construct {
  /** Holds the private JWK. */
  readonly privateKeySecret: Secret;
  /** The public JWK as a JSON string (a deploy-time token). */
  readonly publicJwk: string;
  /** The custom resource, for ordering: the gateway must start after the key exists. */
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: GatewayKeyPairProps) {
    super(scope, id);

    this.privateKeySecret = new Secret(this, 'PrivateKey', {
      description: 'NEXTWORK gateway Ed25519 private JWK (identity assertions to subgraphs)',
      encryptionKey: props.encryptionKey,
      removalPolicy: props.removalPolicy,
    });

    const generator = new NextworkFunction(this, 'Generator', {
      entry: 'infra/constructs/gateway-key-pair/handler.ts',
      description: 'Generates the NEXTWORK gateway signing key pair (custom resource)',
      serviceName: 'gateway-key-pair',
      stage: props.stage,
      logLevel: 'INFO',
      logRetention: props.logRetention,
      logRemovalPolicy: props.removalPolicy,
      memorySize: 256,
      timeout: Duration.seconds(30),
    });
    this.privateKeySecret.grantWrite(generator.role);
    this.privateKeySecret.grantRead(generator.role);

    const provider = new Provider(this, 'Provider', {
      onEventHandler: generator.function,
      logGroup: new LogGroup(this, 'ProviderLogs', {
        retention: props.logRetention,
        removalPolicy: props.removalPolicy,
      }),
    });

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::GatewayKeyPair',
      properties: { SecretArn: this.privateKeySecret.secretArn },
    });
    this.publicJwk = this.resource.getAttString('PublicJwk');

    Validations.of(this.privateKeySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The pair is rotated by replacing this construct (new secret, new pair; one deploy ' +
        'updates the gateway and the subgraphs together). Secrets Manager rotation would ' +
        'change the private key without the public key the subgraphs hold.',
    });
    const generatorLogicalId = Stack.of(this).resolve(
      (generator.function.node.defaultChild as CfnFunction).logicalId,
    );
    Validations.of(provider).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'The CDK provider framework function writes its own logs with the AWS managed ' +
          'basic execution policy; it handles no data.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${generatorLogicalId}.Arn>:*]`,
        reason:
          'The CDK provider framework may invoke any version of the one generator function ' +
          '(`<function arn>:*`), nothing else.',
      },
    );
  }
}
