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
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { Alias, FunctionUrlAuthType } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { subgraphUrlVariable } from '#gateway/config';
import { DATA_SUBJECT_SUBGRAPHS, dataSubjectFunctionVariable } from '#kernel/data-subject';
import { SUBGRAPHS, type SubgraphName } from '#schema/subgraphs';
import { dataSubjectEntry } from '../config/bundling.ts';
import {
  DATA_SUBJECT_KEY_PREFIXES,
  GATEWAY_KEY_PREFIXES,
  KEY_PREFIXES,
} from '../config/key-prefixes.ts';
import type { StageConfig } from '../config/stage.ts';
import { DYNAMODB_CLIENT_ENVIRONMENT, TIMEOUTS } from '../config/timeouts.ts';
import { DataMigrations } from '../constructs/data-migrations.ts';
import { GatewayKeyPair } from '../constructs/gateway-key-pair/gateway-key-pair.ts';
import { NextworkFunction } from '../constructs/nextwork-function.ts';
import { grantTableAccess } from '../constructs/table-access.ts';
import { DataStack } from './data-stack.ts';

/**
 * The Cognito actions each subgraph's function may call on the user pool, and nothing else
 * (`subgraphs/kernel/sign-in-directory.ts`): companies disables a removed contact's sign-in and
 * signs them out; people deletes an erased young person's user, and disables a removed staff
 * member's sign-in and signs them out.
 */
export const SIGN_IN_ACTIONS: Record<SubgraphName, readonly string[]> = {
  people: [
    'cognito-idp:AdminDeleteUser',
    'cognito-idp:AdminDisableUser',
    'cognito-idp:AdminUserGlobalSignOut',
  ],
  companies: ['cognito-idp:AdminDisableUser', 'cognito-idp:AdminUserGlobalSignOut'],
  placements: [],
  'learning-community': [],
};

/** Settings of the API stack: the data and identity it serves. */
export interface ApiStackProps extends StackProps {
  config: StageConfig;
  table: ITableV2;
  key: IKey;
  userPool: IUserPool;
  client: IUserPoolClient;
  issuer: string;
  /**
   * The key of field-level encryption (CPR numbers), used by the people function.
   * @default the `fieldKey` of the data stack that holds `table`
   */
  fieldKey?: IKey;
  /**
   * The bucket the people function writes evaluation exports to.
   * @default the `exportsBucket` of the data stack that holds `table`
   */
  exportsBucket?: IBucket;
  /**
   * Entry files, relative to the repository root. Tests may point at fixtures; the app always
   * uses the real handlers.
   * @default `subgraphs/<name>/handler.ts` and `gateway/handler.ts`
   */
  entries?: Partial<Record<SubgraphName | 'gateway', string>>;
}

/**
 * How long a data-subject function may run: an erasure of a long history deletes item by item.
 * The people function that waits for it has its own, shorter timeout; a stopped erasure is
 * finished by running it again.
 */
const DATA_SUBJECT_TIMEOUT = Duration.seconds(60);

/**
 * What serves requests: the four subgraph functions (each behind a function URL that only the
 * gateway's role may call, with SigV4), the gateway function behind an HTTP API that checks
 * the Cognito token before the gateway runs (with the table for its rate-limit counters and
 * its audit records only), and the secrets they share — the cursor HMAC key and the gateway's
 * Ed25519 key pair.
 *
 * And the young people's rights (GDPR, `subgraphs/kernel/data-subject.ts`): one data-subject
 * function per subgraph (no URL, no resource policy) with that subgraph's data-subject grant,
 * invoked by the people function's role only; people's field-encryption grant (encrypt only,
 * bound to `{youthId, field}`), its `PutObject` on the evaluation-exports bucket and the
 * pseudonym key of the evaluation export, a generated secret only people may read.
 */
export class ApiStack extends Stack {
  /** The subgraph functions by name. */
  readonly subgraphs: Record<SubgraphName, NextworkFunction>;
  /** Each subgraph's data-subject function, by subgraph (invoked by people only). */
  readonly dataSubjectFunctions: Record<SubgraphName, NextworkFunction>;
  /** The key of the evaluation export's pseudonyms (HMAC), read by the people function only. */
  readonly pseudonymKey: Secret;
  /** The gateway function. */
  readonly gateway: NextworkFunction;
  /** The data migrations applied on deploy. */
  readonly dataMigrations: DataMigrations;
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
      description: `NEXTWORK ${config.stage}: cursor key, gateway signing key, pseudonym key`,
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

    this.pseudonymKey = new Secret(this, 'PseudonymKey', {
      description: 'NEXTWORK HMAC key of the pseudonyms in evaluation exports',
      encryptionKey: secretsKey,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: config.dataRemovalPolicy,
    });
    Validations.of(this.pseudonymKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The same key must give the same pseudonym in every evaluation export, so that the ' +
        'researchers can join exports over time; rotating it would break that. It is replaced ' +
        'deliberately (a new series of pseudonyms), never rotated on a schedule.',
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
          timeout: TIMEOUTS.subgraphFunction,
          ...(config.subgraphReservedConcurrency === undefined
            ? {}
            : { reservedConcurrentExecutions: config.subgraphReservedConcurrency }),
          environment: {
            TABLE_NAME: props.table.tableName,
            GATEWAY_PUBLIC_KEY: keyPair.publicJwk,
            CURSOR_SECRET_ARN: cursorKey.secretArn,
            REQUEST_DEADLINE_MS: String(TIMEOUTS.subgraphRequestDeadline.toMilliseconds()),
            ...DYNAMODB_CLIENT_ENVIRONMENT,
          },
        });
        grantTableAccess(subgraph.role, props.table, props.key, KEY_PREFIXES[name]);
        cursorKey.grantRead(subgraph.role);
        const signIn = SIGN_IN_ACTIONS[name];
        if (signIn.length > 0) {
          subgraph.function.addEnvironment('USER_POOL_ID', props.userPool.userPoolId);
          props.userPool.grant(subgraph.role, ...signIn);
        }
        return [name, subgraph];
      }),
    ) as Record<SubgraphName, NextworkFunction>;

    this.dataSubjectFunctions = Object.fromEntries(
      SUBGRAPHS.map(({ name }) => {
        const dataSubject = new NextworkFunction(this, `DataSubject-${name}`, {
          ...common,
          entry: dataSubjectEntry(name),
          description: `NEXTWORK ${name} data-subject requests (GDPR), invoked by people only`,
          serviceName: `nextwork-${name}-data-subject`,
          memorySize: 1024,
          timeout: DATA_SUBJECT_TIMEOUT,
          environment: { TABLE_NAME: props.table.tableName },
        });
        const { indexes, ...prefixes } = DATA_SUBJECT_KEY_PREFIXES[name];
        grantTableAccess(dataSubject.role, props.table, props.key, prefixes, { indexes });
        return [name, dataSubject];
      }),
    ) as Record<SubgraphName, NextworkFunction>;
    this.grantPeopleThePrivacyResources(props);

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
      timeout: TIMEOUTS.gatewayFunction,
      ...(config.gatewayReservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: config.gatewayReservedConcurrency }),
      environment: {
        ...subgraphUrls,
        // The per-identity rate limit (`RATE#…`) and the audit trail of the gateway's refusals.
        TABLE_NAME: props.table.tableName,
        SUBGRAPH_AUTH: 'iam',
        SUBGRAPH_TIMEOUT_MS: String(TIMEOUTS.gatewaySubgraphCall.toMilliseconds()),
        GATEWAY_DEADLINE_MS: String(TIMEOUTS.gatewayRequestDeadline.toMilliseconds()),
        ...DYNAMODB_CLIENT_ENVIRONMENT,
        AUTH_ISSUER: props.issuer,
        AUTH_AUDIENCE: props.client.userPoolClientId,
        AUTH_JWKS_URI: `${props.issuer}/.well-known/jwks.json`,
        // No token of the user pool lives longer than its ID tokens; a longer one is refused.
        AUTH_MAX_TOKEN_LIFETIME_SECONDS: String(config.idTokenValidity.toSeconds()),
        GATEWAY_SIGNING_KEY_SECRET_ARN: keyPair.privateKeySecret.secretArn,
        // @apollo/gateway otherwise reports usage metrics to Apollo every hour, after probing
        // cloud metadata endpoints; none of it is wanted here (and the bundle leaves it out).
        APOLLO_TELEMETRY_DISABLED: 'true',
      },
    });
    keyPair.privateKeySecret.grantRead(this.gateway.role);
    grantTableAccess(this.gateway.role, props.table, props.key, GATEWAY_KEY_PREFIXES);
    for (const { name } of SUBGRAPHS)
      this.subgraphs[name].function.grantInvokeUrl(this.gateway.role);
    // The gateway reads its key at start: the pair must exist (not the placeholder) by then.
    this.gateway.function.node.addDependency(keyPair.resource);

    // Every deploy that adds a data migration applies it, and waits for it.
    this.dataMigrations = new DataMigrations(this, 'DataMigrations', {
      ...common,
      table: props.table,
      tableKey: props.key,
      removalPolicy: config.dataRemovalPolicy,
    });

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

    const integration = new HttpLambdaIntegration('Gateway', live, {
      timeout: TIMEOUTS.apiGatewayIntegration,
    });
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

  /**
   * What the people function needs for the young people's rights and the evaluation export,
   * each grant to its role alone: invoking the data-subject functions (their names in
   * `DATA_SUBJECT_FUNCTION_<SUBGRAPH>`), encrypting fields with the field key (`FIELD_KMS_KEY_ID`)
   * under a `{youthId, field}` encryption context, writing objects to the evaluation-exports
   * bucket (`EVALUATION_EXPORT_BUCKET`) and reading the pseudonym key (`PSEUDONYM_KEY_SECRET_ARN`).
   *
   * @param props - the stack's settings
   */
  private grantPeopleThePrivacyResources(props: ApiStackProps): void {
    const { stage } = props.config;
    const people = this.subgraphs.people;
    const data = Stack.of(props.table);
    const fieldKey = props.fieldKey ?? (data instanceof DataStack ? data.fieldKey : undefined);
    const exportsBucket =
      props.exportsBucket ?? (data instanceof DataStack ? data.exportsBucket : undefined);
    if (!fieldKey || !exportsBucket) {
      throw new Error('The API stack needs the field key and the evaluation-exports bucket');
    }

    for (const subgraph of DATA_SUBJECT_SUBGRAPHS) {
      people.function.addEnvironment(
        dataSubjectFunctionVariable(subgraph),
        this.dataSubjectFunctions[subgraph].function.functionName,
      );
    }
    // The unqualified functions only (the dispatcher invokes by name): no version, no alias.
    people.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'InvokeDataSubjectFunctions',
        actions: ['lambda:InvokeFunction'],
        resources: DATA_SUBJECT_SUBGRAPHS.map(
          (subgraph) => this.dataSubjectFunctions[subgraph].function.functionArn,
        ),
      }),
    );

    people.function.addEnvironment('FIELD_KMS_KEY_ID', fieldKey.keyArn);
    // Encrypt only: no code path reads a CPR number back in clear (it is shown masked). The
    // context must be exactly the keys `field-cipher.ts` binds a value with, both present.
    people.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'EncryptSensitiveFields',
        actions: ['kms:Encrypt'],
        resources: [fieldKey.keyArn],
        conditions: {
          'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['field', 'youthId'] },
          Null: {
            'kms:EncryptionContext:field': 'false',
            'kms:EncryptionContext:youthId': 'false',
          },
        },
      }),
    );

    people.function.addEnvironment('EVALUATION_EXPORT_BUCKET', exportsBucket.bucketName);
    // The ARN crosses stacks under an export name of our own, so that the acknowledged
    // finding below names it (CDK's generated export names carry a hash).
    const exportNameOfArn = `nextwork-${stage}-evaluation-exports-arn`;
    const bucketArn = Stack.of(exportsBucket).exportValue(exportsBucket.bucketArn, {
      name: exportNameOfArn,
    });
    const writeExports = new PolicyStatement({
      sid: 'WriteEvaluationExports',
      actions: ['s3:PutObject'],
      resources: [`${bucketArn}/*`],
    });
    people.role.addToPrincipalPolicy(writeExports);
    Validations.of(people.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${exportNameOfArn}/*]`,
      reason:
        'Each evaluation export is a new set of objects under a name of its own, so the ' +
        'people function may put any object into the export bucket (only there, only PutObject: ' +
        'no read, list, delete or tagging).',
    });
    // The bucket encrypts with the data key (bucket key on): S3 asks KMS for data keys on the
    // writer's behalf. Through S3 only, so the role cannot use the key on the table's items.
    people.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'EncryptEvaluationExportsThroughS3',
        actions: ['kms:GenerateDataKey'],
        resources: [props.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${this.region}.amazonaws.com` } },
      }),
    );

    people.function.addEnvironment('PSEUDONYM_KEY_SECRET_ARN', this.pseudonymKey.secretArn);
    this.pseudonymKey.grantRead(people.role);
  }

  /** The HTTPS endpoint of the GraphQL API (`…/graphql`). */
  get graphqlUrl(): string {
    return `${this.stage.url}graphql`;
  }
}
