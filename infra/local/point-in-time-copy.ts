import {
  CreateTableCommand,
  DescribeTableCommand,
  ScanCommand,
  type ScanCommandOutput,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type Item, Table } from '#kernel/table/table';

/**
 * The local stand-in for a point-in-time restore, made to behave as DynamoDB's where the drill
 * depends on it: the copy is a NEW table under a new name (a restore never writes into an
 * existing table, and fails when the name is taken), with the source's key schema and global
 * secondary indexes, on demand, and — as after a real restore — without the stream and TTL,
 * which the runbook sets again. DynamoDB Local has no PITR, so the copy is taken at the moment
 * it stands for: call it then. Maintenance only: it scans the whole table.
 *
 * @param source - the table as it is now (the moment the copy stands for)
 * @param targetName - the restored table's name
 * @returns the restored table, on the same endpoint
 */
export async function copyTableAsOfNow(source: Table, targetName: string): Promise<Table> {
  const { client } = source;
  const { Table: described } = await client.send(
    new DescribeTableCommand({ TableName: source.name }),
  );
  if (!described?.KeySchema || !described.AttributeDefinitions) {
    throw new Error(`Table ${source.name} has no key schema`);
  }
  // CreateTable fails with ResourceInUseException on a name taken, as RestoreTableToPointInTime does.
  await client.send(
    new CreateTableCommand({
      TableName: targetName,
      KeySchema: described.KeySchema,
      AttributeDefinitions: described.AttributeDefinitions,
      BillingMode: 'PAY_PER_REQUEST',
      ...(described.GlobalSecondaryIndexes?.length
        ? {
            GlobalSecondaryIndexes: described.GlobalSecondaryIndexes.map((index) => ({
              IndexName: index.IndexName,
              KeySchema: index.KeySchema,
              Projection: index.Projection,
            })),
          }
        : {}),
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: targetName });
  const target = new Table(client, targetName);
  let startKey: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page: ScanCommandOutput = await client.send(
      new ScanCommand({
        TableName: source.name,
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    await target.putMany((page.Items ?? []).map((item) => unmarshall(item) as Item));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return target;
}
