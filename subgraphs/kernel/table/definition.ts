/**
 * The single table's shape: one definition read by the CDK stack, the local stack and the
 * repositories, so that a key or index name can never drift between them.
 *
 * Every index is overloaded: entities put whatever key they need for their listings into the
 * generic `gsiNpk`/`gsiNsk` attributes (see each repository's entity file).
 */
export const TABLE_DEFINITION = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    gsi2: { partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    gsi3: { partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  },
  /** Epoch seconds after which DynamoDB may delete the item (audit retention, expiring invitations). */
  timeToLiveAttribute: 'expiresAt',
  /** Stream view kept for counters and audit consumers that need before and after images. */
  streamView: 'NEW_AND_OLD_IMAGES',
  /** Attribute used for optimistic locking on every versioned entity. */
  versionAttribute: 'version',
} as const;

/** Name of one of the table's global secondary indexes. */
export type IndexName = keyof typeof TABLE_DEFINITION.indexes;

/** Names of all global secondary indexes, in a stable order. */
export const INDEX_NAMES = Object.keys(TABLE_DEFINITION.indexes) as IndexName[];
