import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { Alias, FunctionUrlAuthType } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { subgraphUrlVariable } from '#gateway/config';
import { SUBGRAPHS, type SubgraphName } from '#schema/subgraphs';
import { KEY_PREFIXES } from '../config/key-prefixes.ts';
import type { StageConfig } from '../config/stage.ts';
import { GatewayKeyPair } from '../constructs/gateway-key-pair/gateway-key-pair.ts';
import { NextworkFunction } from '../constructs/nextwork-function.ts';
import { grantTableAccess } from '../constructs/table-access.ts';

/** Settings of the API stack: the data and identity it serves. */
export interface ApiStackProps extends StackProps {
  config: StageConfig;
  table: ITableV2;
  key: IKey;
  userPool: IUserPool;
  client: IUserPoolClient;
  issuer: string;
  /**
   * Entry files, relative to the repository root. Tests may point at fixtures; the app always
   * uses the real handlers.
   * @default `subgraphs/<name>/handler.ts` and `gateway/handler.ts`
   */
  entries?: Partial<Record<SubgraphName | 'gateway', string>>;
}

/** The per-call timeout of the gateway towards a subgraph: below the subgraph's own timeout. */
const SUBGRAPH_CALL_TIMEOUT = Duration.seconds(8);

/**
 * What serves requests: the four subgraph functions (each behind a function URL that only the
 * gateway's role may call, with SigV4), the gateway function behind an HTTP API that checks
 * the Cognito token before the gateway runs, and the secrets they share — the cursor HMAC key
 * and the gateway's Ed25519 key pair.
 */
export class ApiStack extends Stack {
  /** The subgraph functions by name. */
  readonly subgraphs: Record<SubgraphName, NextworkFunction>;
  /** The gateway function. */
  readonly gateway: NextworkFunction;
  /** The public HTTP API. */
  readonly api: HttpApi;
  /** Its stage (throttling, access logs). */
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    const common = {
      stage: config.stage,
      logLevel: config.logLevel,
      logRetention: config.logRetention,
      logRemovalPolicy: config.dataRemovalPolicy,
    };

    // The secrets' own key: kept with them, so that grants to this stack's roles stay in it.
    const secretsKey = new Key(this, 'SecretsKey', {
      description: `NEXTWORK ${config.stage}: cursor key and gateway signing key`,
      enableKeyRotation: true,
      removalPolicy: config.dataRemovalPolicy,
    });

    const cursorKey = new Secret(this, 'CursorKey', {
      description: 'NEXTWORK HMAC key of list cursors',
      encryptionKey: secretsKey,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: config.dataRemovalPolicy,
    });
    Validations.of(cursorKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Cursors are short-lived page positions signed with this key; rotating it only ' +
        'invalidates open pages. It is rotated by replacing the secret, no rotation function.',
    });

    const keyPair = new GatewayKeyPair(this, 'GatewayKeyPair', {
      encryptionKey: secretsKey,
      stage: config.stage,
      logRetention: config.logRetention,
      removalPolicy: config.dataRemovalPolicy,
    });

    this.subgraphs = Object.fromEntries(
      SUBGRAPHS.map(({ name }) => {
        const subgraph = new NextworkFunction(this, `Subgraph-${name}`, {
          ...common,
          entry: props.entries?.[name] ?? `subgraphs/${name}/handler.ts`,
          description: `NEXTWORK ${name} subgraph`,
          serviceName: `nextwork-${name}`,
          memorySize: 1024,
          timeout: Duration.seconds(10),
          ...(config.subgraphReservedConcurrency === undefined
            ? {}
            : { reservedConcurrentExecutions: config.subgraphReservedConcurrency }),
          environment: {
            TABLE_NAME: props.table.tableName,
            GATEWAY_PUBLIC_KEY: keyPair.publicJwk,
            CURSOR_SECRET_ARN: cursorKey.secretArn,
          },
        });
        grantTableAccess(subgraph.role, props.table, props.key, KEY_PREFIXES[name]);
        cursorKey.grantRead(subgraph.role);
        return [name, subgraph];
      }),
    ) as Record<SubgraphName, NextworkFunction>;

    const subgraphUrls = Object.fromEntries(
      SUBGRAPHS.map(({ name }) => {
        const url = this.subgraphs[name].function.addFunctionUrl({
          authType: FunctionUrlAuthType.AWS_IAM,
        });
        return [subgraphUrlVariable(name), `${url.url}graphql`];
      }),
    );

    this.gateway = new NextworkFunction(this, 'Gateway', {
      ...common,
      entry: props.entries?.gateway ?? 'gateway/handler.ts',
      description: 'NEXTWORK federation gateway',
      serviceName: 'nextwork-gateway',
      memorySize: 1536,
      timeout: Duration.seconds(15),
      ...(config.gatewayReservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: config.gatewayReservedConcurrency }),
      environment: {
        ...subgraphUrls,
        SUBGRAPH_AUTH: 'iam',
        SUBGRAPH_TIMEOUT_MS: String(SUBGRAPH_CALL_TIMEOUT.toMilliseconds()),
        AUTH_ISSUER: props.issuer,
        AUTH_AUDIENCE: props.client.userPoolClientId,
        AUTH_JWKS_URI: `${props.issuer}/.well-known/jwks.json`,
        GATEWAY_SIGNING_KEY_SECRET_ARN: keyPair.privateKeySecret.secretArn,
        // @apollo/gateway otherwise reports usage metrics to Apollo every hour, after probing
        // cloud metadata endpoints; none of it is wanted here (and the bundle leaves it out).
        APOLLO_TELEMETRY_DISABLED: 'true',
      },
    });
    keyPair.privateKeySecret.grantRead(this.gateway.role);
    for (const { name } of SUBGRAPHS)
      this.subgraphs[name].function.grantInvokeUrl(this.gateway.role);
    // The gateway reads its key at start: the pair must exist (not the placeholder) by then.
    this.gateway.function.node.addDependency(keyPair.resource);

    const live = new Alias(this, 'GatewayLive', {
      aliasName: 'live',
      version: this.gateway.function.currentVersion,
      ...(config.gatewayProvisionedConcurrency > 0
        ? { provisionedConcurrentExecutions: config.gatewayProvisionedConcurrency }
        : {}),
    });

    this.api = new HttpApi(this, 'Api', {
      apiName: `nextwork-${config.stage}`,
      description: 'NEXTWORK GraphQL API (federation gateway)',
      createDefaultStage: false,
      ...(config.corsAllowedOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: config.corsAllowedOrigins,
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.OPTIONS],
              allowHeaders: [
                'authorization',
                'content-type',
                'x-correlation-id',
                'apollo-require-preflight',
              ],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: config.logRetention,
      removalPolicy: config.dataRemovalPolicy,
    });
    this.stage = new HttpStage(this, 'ApiStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: config.apiThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No query strings, headers or bodies: GraphQL variables may carry personal data.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            route: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            responseBytes: '$context.responseLength',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const integration = new HttpLambdaIntegration('Gateway', live);
    this.api.addRoutes({
      path: '/graphql',
      methods: [HttpMethod.POST, HttpMethod.GET],
      integration,
      // Defence in depth: API Gateway rejects a missing or invalid token before the gateway
      // (which verifies it again and maps it to an identity) is even started.
      authorizer: new HttpUserPoolAuthorizer('Cognito', props.userPool, {
        userPoolClients: [props.client],
      }),
    });
    const [healthRoute] = this.api.addRoutes({
      path: '/health',
      methods: [HttpMethod.GET],
      integration,
    });
    if (healthRoute) {
      Validations.of(healthRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'The health probe is anonymous by design (monitoring needs no user): it answers ' +
          'only up/down per subgraph, reaches the subgraphs as the anonymous identity, which ' +
          'may read nothing, and is throttled with the stage.',
      });
    }

    new CfnOutput(this, 'GraphqlUrl', { value: this.graphqlUrl });
  }

  /** The HTTPS endpoint of the GraphQL API (`…/graphql`). */
  get graphqlUrl(): string {
    return `${this.stage.url}graphql`;
  }
}
