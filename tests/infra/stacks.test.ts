import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { KEY_PREFIXES, leadingKeyPatterns } from '#infra/config/key-prefixes';
import { ROLES } from '#kernel/identity';
import { SUBGRAPHS } from '#schema/subgraphs';
import { policyStatements, resourcesOf, type SynthesisedStage, synthesiseStage } from './synth.ts';

let prod: SynthesisedStage;
let dev: SynthesisedStage;

beforeAll(() => {
  // Two synths for the whole file, without bundling (tests/infra/bundles.test.ts bundles).
  prod = synthesiseStage('prod');
  dev = synthesiseStage('dev');
});

describe('cdk-nag AwsSolutions', () => {
  it('leaves no violation in prod', () => {
    // Prepare: synthesised in beforeAll
    // Act
    const violations = prod.nagViolations;
    // Assess
    expect(violations).toEqual([]);
  });

  it('leaves no violation in dev', () => {
    // Prepare: synthesised in beforeAll
    // Act
    const violations = dev.nagViolations;
    // Assess
    expect(violations).toEqual([]);
  });
});

describe('the single table', () => {
  it('has the keys, indexes, TTL and stream of the shared definition, on demand', () => {
    // Prepare
    const template = prod.templates.data;
    // Act
    const tables = resourcesOf(template, 'AWS::DynamoDB::GlobalTable');
    // Assess
    expect(Object.keys(tables)).toHaveLength(1);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: ['gsi1', 'gsi2', 'gsi3'].map((name) => ({
        IndexName: name,
        KeySchema: [
          { AttributeName: `${name}pk`, KeyType: 'HASH' },
          { AttributeName: `${name}sk`, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('is encrypted with the customer-managed key, with PITR and deletion protection in prod', () => {
    // Prepare
    const template = prod.templates.data;
    const keyId = Object.keys(resourcesOf(template, 'AWS::KMS::Key'))[0];
    // Act
    const [table] = Object.values(resourcesOf(template, 'AWS::DynamoDB::GlobalTable'));
    // Assess
    expect(table?.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [
        Match.objectLike({
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: {
            PointInTimeRecoveryEnabled: true,
            RecoveryPeriodInDays: 35,
          },
          SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
        }),
      ],
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('can be deleted in dev, but keeps point-in-time recovery', () => {
    // Prepare
    const template = dev.templates.data;
    // Act
    const [table] = Object.values(resourcesOf(template, 'AWS::DynamoDB::GlobalTable'));
    // Assess
    expect(table?.DeletionPolicy).toBe('Delete');
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [
        Match.objectLike({
          DeletionProtectionEnabled: false,
          PointInTimeRecoverySpecification: Match.objectLike({ PointInTimeRecoveryEnabled: true }),
        }),
      ],
    });
  });
});

describe('the evaluation exports bucket', () => {
  it('is KMS-encrypted, versioned, private, TLS-only and logged', () => {
    // Prepare
    const template = prod.templates.data;
    // Act
    const exportsBuckets = template.findResources('AWS::S3::Bucket', {
      Properties: { LoggingConfiguration: Match.anyValue() },
    });
    // Assess
    expect(Object.keys(exportsBuckets)).toHaveLength(1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({
            ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }),
          }),
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });
});

describe('the functions', () => {
  it('all run Node.js 22 on arm64 with active tracing and their own log group', () => {
    // Prepare
    const template = prod.templates.api;
    // Act
    const functions = Object.values(resourcesOf(template, 'AWS::Lambda::Function'));
    const projectFunctions = functions.filter(
      (fn) => fn.Properties?.Runtime === 'nodejs22.x' || fn.Properties?.Handler === 'index.handler',
    );
    // Assess: four subgraphs, their four data-subject functions, the gateway, the key-pair
    // generator and the data migrations
    expect(projectFunctions).toHaveLength(2 * SUBGRAPHS.length + 3);
    for (const fn of projectFunctions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: expect.anything() },
      });
    }
  });

  it('keep their logs for a limited time, longer in prod', () => {
    // Prepare
    const prodLogs = Object.values(resourcesOf(prod.templates.api, 'AWS::Logs::LogGroup'));
    // Act
    const devLogs = Object.values(resourcesOf(dev.templates.api, 'AWS::Logs::LogGroup'));
    // Assess
    expect(prodLogs.length).toBeGreaterThan(0);
    for (const group of prodLogs) expect(group.Properties?.RetentionInDays).toBe(90);
    for (const group of devLogs) expect(group.Properties?.RetentionInDays).toBe(14);
  });

  it('carry names and ARNs in their environment, never a secret value', () => {
    // Prepare
    const functions = Object.values(resourcesOf(prod.templates.api, 'AWS::Lambda::Function'));
    // Act
    const variableNames = functions.flatMap((fn) =>
      Object.keys(
        ((fn.Properties?.Environment as { Variables?: object } | undefined)?.Variables ??
          {}) as object,
      ),
    );
    // Assess
    const secretLooking = variableNames.filter(
      (name) => /SECRET|PRIVATE|PASSWORD|SIGNING_KEY$/.test(name) && !name.endsWith('_ARN'),
    );
    expect(secretLooking).toEqual([]);
    expect(variableNames).toEqual(
      expect.arrayContaining([
        'TABLE_NAME',
        'GATEWAY_PUBLIC_KEY',
        'CURSOR_SECRET_ARN',
        'GATEWAY_SIGNING_KEY_SECRET_ARN',
        'POWERTOOLS_SERVICE_NAME',
        'LOG_LEVEL',
        'STAGE',
      ]),
    );
  });

  it('give each subgraph its table prefixes through dynamodb:LeadingKeys, and no scan', () => {
    // Prepare
    const template = prod.templates.api;
    // Act
    const statements = policyStatements(template);
    // Assess
    for (const { name } of SUBGRAPHS) {
      const prefixes = KEY_PREFIXES[name];
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Sid: 'WriteOwnPartitions',
              Condition: {
                'ForAllValues:StringLike': {
                  'dynamodb:LeadingKeys': leadingKeyPatterns(prefixes.write),
                },
              },
            }),
          ]),
        },
      });
    }
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.some((action) => String(action).startsWith('dynamodb:*'))).toBe(false);
  });
});

describe('subgraphs are not public', () => {
  it('have IAM-authorised function URLs, one per subgraph', () => {
    // Prepare
    const template = prod.templates.api;
    // Act
    const urls = Object.values(resourcesOf(template, 'AWS::Lambda::Url'));
    // Assess
    expect(urls).toHaveLength(SUBGRAPHS.length);
    for (const url of urls) expect(url.Properties?.AuthType).toBe('AWS_IAM');
  });

  it('grant no one but API Gateway a resource-based permission, and not on a subgraph', () => {
    // Prepare
    const template = prod.templates.api;
    // Act
    const permissions = Object.values(resourcesOf(template, 'AWS::Lambda::Permission'));
    // Assess
    for (const permission of permissions) {
      expect(permission.Properties?.Principal).toBe('apigateway.amazonaws.com');
    }
  });

  it('may be called by the gateway role only, with InvokeFunctionUrl on the four functions', () => {
    // Prepare
    const template = prod.templates.api;
    // Act
    const grants = policyStatements(template).filter(
      (statement) => statement.Action === 'lambda:InvokeFunctionUrl',
    );
    // Assess
    expect(grants).toHaveLength(SUBGRAPHS.length);
    for (const grant of grants) {
      expect(grant.Condition).toEqual({
        StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' },
      });
    }
  });
});

describe('the HTTP API', () => {
  it('routes GraphQL through the Cognito JWT authorizer and leaves only /health open', () => {
    // Prepare
    const template = prod.templates.api;
    // Act
    const routes = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route'));
    // Assess
    const byKey = Object.fromEntries(
      routes.map((route) => [route.Properties?.RouteKey, route.Properties?.AuthorizationType]),
    );
    expect(byKey).toEqual({
      'POST /graphql': 'JWT',
      'GET /graphql': 'JWT',
      'GET /health': 'NONE',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
  });

  it('throttles and writes access logs on its stage', () => {
    // Prepare
    const template = prod.templates.api;
    // Act / Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 },
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('requestId'),
      },
    });
  });
});

describe('Cognito', () => {
  it('has one group per role and requires MFA with the Plus plan', () => {
    // Prepare
    const template = prod.templates.identity;
    // Act
    const groups = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolGroup')).map(
      (group) => group.Properties?.GroupName,
    );
    // Assess
    expect(groups.sort()).toEqual([...ROLES].sort());
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      UserPoolTier: 'PLUS',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: Match.arrayWith(
        ['municipality', 'company', 'contact', 'youth', 'staff'].map((name) =>
          Match.objectLike({ Name: name, AttributeDataType: 'String' }),
        ),
      ),
    });
  });

  it('lets the app client read the scoping attributes but write none of them', () => {
    // Prepare
    const template = prod.templates.identity;
    // Act
    const [client] = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolClient'));
    // Assess
    const written = client?.Properties?.WriteAttributes as string[];
    const read = client?.Properties?.ReadAttributes as string[];
    expect(written.filter((attribute) => attribute.startsWith('custom:'))).toEqual([]);
    expect(read).toEqual(expect.arrayContaining(['custom:municipality', 'custom:youth']));
  });

  it("has the gateway refuse a token living longer than the app client's ID tokens", () => {
    for (const stage of [prod, dev]) {
      // Prepare
      const [client] = Object.values(
        resourcesOf(stage.templates.identity, 'AWS::Cognito::UserPoolClient'),
      );
      const units = client?.Properties?.TokenValidityUnits as { IdToken?: string } | undefined;
      const perUnit = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 };
      const idTokenSeconds =
        Number(client?.Properties?.IdTokenValidity) *
        perUnit[(units?.IdToken ?? 'hours') as keyof typeof perUnit];
      // Act
      const [gateway] = Object.values(resourcesOf(stage.templates.api, 'AWS::Lambda::Function'))
        .map(
          (fn) =>
            fn.Properties as {
              Description?: string;
              Environment?: { Variables?: Record<string, unknown> };
            },
        )
        .filter((properties) => properties.Description === 'NEXTWORK federation gateway');
      // Assess
      expect(idTokenSeconds).toBeGreaterThan(0);
      expect(Number(gateway?.Environment?.Variables?.AUTH_MAX_TOKEN_LIFETIME_SECONDS)).toBe(
        idTokenSeconds,
      );
    }
  });
});

describe('operations', () => {
  it('alarms on errors, throttles and p99 of every function, the API and the table', () => {
    // Prepare
    const template = prod.templates.observability;
    // Act
    const names = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm.Properties?.AlarmName,
    );
    // Assess
    for (const fn of ['gateway', ...SUBGRAPHS.map(({ name }) => name)]) {
      for (const kind of ['Errors', 'Throttles', 'DurationP99']) {
        expect(names).toContain(`nextwork-prod-${fn}-${kind}`);
      }
    }
    expect(names).toEqual(
      expect.arrayContaining([
        'nextwork-prod-Api-5xx',
        'nextwork-prod-Api-LatencyP99',
        'nextwork-prod-Table-Throttles',
        'nextwork-prod-Table-SystemErrors',
      ]),
    );
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('sends alarms to an encrypted topic that accepts TLS only', () => {
    // Prepare
    const template = prod.templates.observability;
    // Act / Assess
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });
});
