import { CustomResource, Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { DATA_MIGRATIONS_ENTRY } from '../config/bundling.ts';
import { MIGRATIONS_KEY_PREFIXES } from '../config/key-prefixes.ts';
import { ALL_MIGRATIONS } from '../migrations/all-migrations.ts';
import { NextworkFunction } from './nextwork-function.ts';
import { grantTableAccess } from './table-access.ts';

/** Settings of the data migrations run on deploy. */
export interface DataMigrationsProps {
  table: ITableV2;
  /** The table's customer-managed key. */
  tableKey: IKey;
  stage: string;
  logLevel: string;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

/**
 * The data migrations (`infra/migrations/all-migrations.ts`) applied by every deployment that
 * adds one: a custom resource whose property is the list of migration ids, so that the list
 * changing updates it, and CloudFormation waits for its function (`infra/migrations/handler.ts`)
 * to apply the pending ones before the deployment goes on. The function may touch exactly the
 * key prefixes of `MIGRATIONS_KEY_PREFIXES`; it runs one at a time (reserved concurrency 1, and
 * the runner's lease besides) for up to Lambda's 15 minutes, pausing at a checkpoint before
 * that (see the handler for how a paused migration is finished).
 */
export class DataMigrations extends Construct {
  /** The function that applies the migrations. */
  readonly function: NextworkFunction;
  /** The custom resource, for ordering. */
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: DataMigrationsProps) {
    super(scope, id);

    this.function = new NextworkFunction(this, 'Runner', {
      entry: DATA_MIGRATIONS_ENTRY,
      description: 'NEXTWORK data migrations, applied on deploy (custom resource)',
      serviceName: 'nextwork-data-migrations',
      stage: props.stage,
      logLevel: props.logLevel,
      logRetention: props.logRetention,
      logRemovalPolicy: props.removalPolicy,
      memorySize: 1024,
      timeout: Duration.minutes(15),
      reservedConcurrentExecutions: 1,
      environment: { TABLE_NAME: props.table.tableName },
    });
    grantTableAccess(this.function.role, props.table, props.tableKey, MIGRATIONS_KEY_PREFIXES);

    const provider = new Provider(this, 'Provider', {
      onEventHandler: this.function.function,
      logGroup: new LogGroup(this, 'ProviderLogs', {
        retention: props.logRetention,
        removalPolicy: props.removalPolicy,
      }),
    });

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::DataMigrations',
      properties: {
        TableName: props.table.tableName,
        MigrationIds: ALL_MIGRATIONS.map(({ id }) => id),
      },
    });

    const runnerLogicalId = Stack.of(this).resolve(
      (this.function.function.node.defaultChild as CfnFunction).logicalId,
    );
    Validations.of(provider).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'The CDK provider framework function writes its own logs with the AWS managed ' +
          'basic execution policy; it handles no data.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${runnerLogicalId}.Arn>:*]`,
        reason:
          'The CDK provider framework may invoke any version of the one migrations function ' +
          '(`<function arn>:*`), nothing else.',
      },
    );
  }
}
