import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage.ts';
import { createSingleTable, importSingleTable } from '../table.ts';

/** Settings of the data stack. */
export interface DataStackProps extends StackProps {
  config: StageConfig;
}

/**
 * What holds the programme's data, kept apart so that everything else can be replaced freely:
 * the customer-managed key, the field-encryption key, the single table, and the bucket for
 * pseudonymised evaluation exports (with its access-log bucket). In prod every one of them survives a stack deletion.
 */
export class DataStack extends Stack {
  /** Encrypts the table (with its indexes, stream and backups) and the evaluation exports. */
  readonly key: Key;
  /** The single table: the one this stack creates, or a restored one (`restoredTableName`). */
  readonly table: ITableV2;
  /** Pseudonymised evaluation exports. */
  readonly exportsBucket: Bucket;
  /**
   * Field-level encryption of single sensitive values (a young person's CPR number), used by
   * the people function directly through KMS (`subgraphs/kernel/field-cipher.ts`). Apart from
   * the table key: its grants carry an encryption-context condition, and a role that may read
   * the table through DynamoDB cannot decrypt a CPR number with it.
   */
  readonly fieldKey: Key;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.key = new Key(this, 'DataKey', {
      description: `NEXTWORK ${config.stage}: table and evaluation exports`,
      enableKeyRotation: true,
      removalPolicy: config.dataRemovalPolicy,
      pendingWindow: Duration.days(30),
    });

    // Kept with the data it protects: losing it makes every stored CPR number unreadable.
    this.fieldKey = new Key(this, 'FieldKey', {
      description: `NEXTWORK ${config.stage}: field-level encryption (CPR numbers)`,
      enableKeyRotation: true,
      removalPolicy: config.dataRemovalPolicy,
      pendingWindow: Duration.days(30),
    });

    this.table = config.restoredTableName
      ? importSingleTable(this, 'RestoredTable', config.restoredTableName, this.key)
      : createSingleTable(this, 'Table', {
          encryptionKey: this.key,
          deletionProtection: config.deletionProtection,
          pointInTimeRecoveryDays: config.pointInTimeRecoveryDays,
          removalPolicy: config.dataRemovalPolicy,
        });

    const accessLogs = new Bucket(this, 'ExportsAccessLogs', {
      // S3 server access logs can only be delivered to a bucket with S3-managed encryption.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [
        { expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) },
      ],
      removalPolicy: config.dataRemovalPolicy,
    });

    this.exportsBucket = new Bucket(this, 'EvaluationExports', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'evaluation-exports/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      removalPolicy: config.dataRemovalPolicy,
    });
  }
}
