import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createDynamoClient } from '#kernel/table/client';
import { ensureTable } from '#kernel/table/create-table';
import { Table } from '#kernel/table/table';

/**
 * A fresh, empty table on the run's DynamoDB Local, created from the shared definition, so
 * that test files never see each other's data.
 *
 * @param endpoint - another DynamoDB Local (see `useOwnDynamoDb`)
 * @default the run's shared DynamoDB Local
 */
export async function createTestTable(endpoint: string = inject('dynamoEndpoint')): Promise<Table> {
  const client = createDynamoClient(endpoint);
  const name = `test-${randomUUID()}`;
  await ensureTable(client, name);
  return new Table(client, name);
}
