import { randomUUID } from 'node:crypto';
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
