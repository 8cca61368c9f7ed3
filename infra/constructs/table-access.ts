import { Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { type KeyPrefixGrant, leadingKeyPatterns } from '../config/key-prefixes.ts';
import { INDEX_NAMES } from '../table.ts';

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
 * queries on the three indexes (which LeadingKeys cannot scope), and the table key through
 * DynamoDB only. No scan, no table management, no stream.
 *
 * @param grantee - the function's role
 * @param table - the single table
 * @param key - the table's customer-managed key
 * @param prefixes - the subgraph's key prefixes
 */
export function grantTableAccess(
  grantee: IGrantable,
  table: ITableV2,
  key: IKey,
  prefixes: KeyPrefixGrant,
): void {
  const principal = grantee.grantPrincipal;
  principal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'ReadOwnAndSharedPartitions',
      actions: ITEM_READ_ACTIONS,
      resources: [table.tableArn],
      conditions: {
        'ForAllValues:StringLike': {
          'dynamodb:LeadingKeys': leadingKeyPatterns([...prefixes.write, ...prefixes.read]),
        },
      },
    }),
  );
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
  principal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'QueryIndexes',
      actions: ['dynamodb:Query'],
      resources: INDEX_NAMES.map((index) => `${table.tableArn}/index/${index}`),
    }),
  );
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
