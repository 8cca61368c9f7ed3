import { Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IndexName } from '#kernel/table/definition';
import { type KeyPrefixGrant, leadingKeyPatterns } from '../config/key-prefixes.ts';
import { INDEX_NAMES } from '../table.ts';

/** Narrows a table grant further than its prefixes. */
export interface TableAccessOptions {
  /** The indexes the role may query (read-only). @default all three */
  indexes?: readonly IndexName[];
}

/** Item reads the kernel's `Table` makes, including the `ConditionCheck` of a transaction. */
export const ITEM_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];

/**
 * Item writes the kernel's `Table` makes (`TransactWriteItems` is authorised per action).
 * `BatchWriteItem` is used only for seeding, never by a function.
 */
export const ITEM_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
];

/** The only write on append-only prefixes (the audit trail): adding an item. */
export const APPEND_ACTIONS = ['dynamodb:PutItem'];

/** The only action on counter prefixes: an update that adds and returns the new count. */
export const COUNTER_ACTIONS = ['dynamodb:UpdateItem'];

/**
 * What a caller of a table encrypted with a customer-managed key needs of the key, spelled out
 * instead of `kms:GenerateDataKey*` / `kms:ReEncrypt*`, and only through DynamoDB.
 */
export const TABLE_KEY_ACTIONS = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
];

/**
 * Grants a function the table access of one subgraph: item reads and writes limited by
 * `dynamodb:LeadingKeys` to its key prefixes (see `infra/config/key-prefixes.ts`), read-only
 * queries on the indexes (all three unless the grant or `options.indexes` names fewer; LeadingKeys cannot
 * scope them), `PutItem` only on its append-only prefixes (the audit trail), and the table key
 * through DynamoDB only. No scan, no table management, no stream. A grant without prefixes
 * (a data-subject function that touches no item) adds nothing.
 *
 * @param grantee - the function's role
 * @param table - the single table
 * @param key - the table's customer-managed key
 * @param prefixes - the subgraph's key prefixes
 * @param options - which indexes it may query (all three unless narrowed)
 */
export function grantTableAccess(
  grantee: IGrantable,
  table: ITableV2,
  key: IKey,
  prefixes: KeyPrefixGrant,
  options: TableAccessOptions = {},
): void {
  const principal = grantee.grantPrincipal;
  const indexes = options.indexes ?? prefixes.indexes ?? INDEX_NAMES;
  // An empty LeadingKeys list would hold for a request without leading keys (a scan): a role
  // with no prefixes gets no table statement at all.
  const granted = [prefixes.write, prefixes.read, prefixes.append ?? [], prefixes.counters ?? []];
  if (granted.every((list) => list.length === 0)) return;
  const readable = [...prefixes.write, ...prefixes.read];
  if (readable.length > 0) {
    principal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ReadOwnAndSharedPartitions',
        actions: ITEM_READ_ACTIONS,
        resources: [table.tableArn],
        conditions: {
          'ForAllValues:StringLike': {
            'dynamodb:LeadingKeys': leadingKeyPatterns(readable),
          },
        },
      }),
    );
  }
  if (prefixes.write.length > 0) {
    principal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'WriteOwnPartitions',
        actions: ITEM_WRITE_ACTIONS,
        resources: [table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': leadingKeyPatterns(prefixes.write) },
        },
      }),
    );
  }
  if (prefixes.append?.length) {
    // Audit records: new items only. IAM cannot demand the `attribute_not_exists` condition the
    // kernel writes with; ids are random and the role cannot read the prefix (people's DPO
    // queries aside), so it cannot aim an overwrite at a record, and cannot update or delete one.
    principal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'AppendOnlyPartitions',
        actions: APPEND_ACTIONS,
        resources: [table.tableArn],
        conditions: {
          'ForAllValues:StringLike': {
            'dynamodb:LeadingKeys': leadingKeyPatterns(prefixes.append),
          },
        },
      }),
    );
  }
  if (prefixes.counters?.length) {
    principal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'UpdateOwnCounters',
        actions: COUNTER_ACTIONS,
        resources: [table.tableArn],
        conditions: {
          'ForAllValues:StringLike': {
            'dynamodb:LeadingKeys': leadingKeyPatterns(prefixes.counters),
          },
        },
      }),
    );
  }
  if (indexes.length > 0) {
    principal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'QueryIndexes',
        actions: ['dynamodb:Query'],
        resources: indexes.map((index) => `${table.tableArn}/index/${index}`),
      }),
    );
  }
  principal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'UseTableKeyThroughDynamoDb',
      actions: TABLE_KEY_ACTIONS,
      resources: [key.keyArn],
      conditions: {
        StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(table).region}.amazonaws.com` },
      },
    }),
  );
}
