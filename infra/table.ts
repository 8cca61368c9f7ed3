import type { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  type ITableV2,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { INDEX_NAMES, TABLE_DEFINITION } from '#kernel/table/definition';

export { INDEX_NAMES };

/** How the single table is kept, per stage. */
export interface SingleTableProps {
  /** The customer-managed key that encrypts the table, its indexes, stream and backups. */
  encryptionKey: IKey;
  /** Deletion protection (prod). */
  deletionProtection: boolean;
  /** Days of continuous backups for point-in-time recovery. */
  pointInTimeRecoveryDays: number;
  /** What happens to the table when the stack is deleted. */
  removalPolicy: RemovalPolicy;
}

/**
 * The single table, built from the shared definition (`subgraphs/kernel/table/definition.ts`)
 * that the local stack and the repositories read too, so that a key, index or TTL attribute
 * cannot drift between AWS and DynamoDB Local: string keys `pk`/`sk`, the overloaded indexes
 * gsi1–gsi3 (projection ALL), TTL on `expiresAt`, a stream with old and new images, on demand.
 *
 * @param scope - the data stack
 * @param id - the construct id
 * @param props - encryption and protection settings
 */
export function createSingleTable(scope: Construct, id: string, props: SingleTableProps): TableV2 {
  const text = (name: string) => ({ name, type: AttributeType.STRING });
  return new TableV2(scope, id, {
    partitionKey: text(TABLE_DEFINITION.partitionKey),
    sortKey: text(TABLE_DEFINITION.sortKey),
    globalSecondaryIndexes: INDEX_NAMES.map((indexName) => ({
      indexName,
      partitionKey: text(TABLE_DEFINITION.indexes[indexName].partitionKey),
      sortKey: text(TABLE_DEFINITION.indexes[indexName].sortKey),
    })),
    timeToLiveAttribute: TABLE_DEFINITION.timeToLiveAttribute,
    dynamoStream: StreamViewType[TABLE_DEFINITION.streamView],
    billing: Billing.onDemand(),
    encryption: TableEncryptionV2.customerManagedKey(props.encryptionKey),
    pointInTimeRecoverySpecification: {
      pointInTimeRecoveryEnabled: true,
      recoveryPeriodInDays: props.pointInTimeRecoveryDays,
    },
    deletionProtection: props.deletionProtection,
    removalPolicy: props.removalPolicy,
  });
}

/**
 * A table made outside the stack — a point-in-time restore of the single table, which DynamoDB
 * always writes to a new table — referred to by name, so that the same functions and grants
 * can be put in front of it. The restore copies the keys and indexes of the source table (the
 * indexes are named here so that index grants follow) and, unless overridden, its encryption:
 * restore it with the data key (`docs/runbook.md`), which is then the key passed here.
 *
 * @param scope - the data stack
 * @param id - the construct id
 * @param tableName - the restored table's name
 * @param encryptionKey - the customer-managed key the restored table is encrypted with
 */
export function importSingleTable(
  scope: Construct,
  id: string,
  tableName: string,
  encryptionKey: IKey,
): ITableV2 {
  return TableV2.fromTableAttributes(scope, id, {
    tableName,
    encryptionKey,
    globalIndexes: [...INDEX_NAMES],
  });
}
