import { randomUUID } from 'node:crypto';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local';
import { createDynamoClient } from '#kernel/table/client';
import { ensureTable } from '#kernel/table/create-table';
import { Table } from '#kernel/table/table';
import { dynamoEndpointOfThisFile } from './file-dynamodb.ts';

/**
 * A fresh, empty table created from the shared definition, on this test file's own DynamoDB
 * Local (see `file-dynamodb.ts`), so that test files never see each other's data.
 */
export async function createTestTable(): Promise<Table> {
  const client = createDynamoClient(await dynamoEndpointOfThisFile());
  const name = `test-${randomUUID()}`;
  await ensureTable(client, name);
  return new Table(client, name);
}

/** A table on a DynamoDB Local of its own, and how to stop that DynamoDB Local. */
export interface OwnTable {
  table: Table;
  stop(): Promise<void>;
}

/**
 * A fresh table on a DynamoDB Local started for it alone, for a test that fills two tables with
 * thousands of items each: DynamoDB Local grows slower with everything written into it (the
 * demo world into a second table took 20 times as long as into the first), so each large world
 * gets a JVM of its own.
 */
export async function createTableOnItsOwnDynamoDb(): Promise<OwnTable> {
  const dynamo = await startDynamoDbLocal();
  const client = createDynamoClient(dynamo.endpoint);
  const name = `test-${randomUUID()}`;
  await ensureTable(client, name);
  return {
    table: new Table(client, name),
    async stop() {
      client.destroy();
      await dynamo.stop();
    },
  };
}
