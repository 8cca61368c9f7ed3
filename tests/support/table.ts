import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createDynamoClient } from '#kernel/table/client';
import { ensureTable } from '#kernel/table/create-table';
import { Table } from '#kernel/table/table';

/**
 * A fresh, empty table on the run's DynamoDB Local, created from the shared definition, so
 * that test files never see each other's data.
 */
export async function createTestTable(): Promise<Table> {
  const client = createDynamoClient(inject('dynamoEndpoint'));
  const name = `test-${randomUUID()}`;
  await ensureTable(client, name);
  return new Table(client, name);
}
