import { join } from 'node:path';
import { createDynamoClient } from '#kernel/table/client';
import { Table } from '#kernel/table/table';
import { type RunningDynamoDb, startDynamoDbLocal } from './dynamodb-local.ts';

/**
 * Runs a maintenance command against the table: the running DynamoDB at `DYNAMODB_ENDPOINT`
 * when set, otherwise a DynamoDB Local started on `npm start`'s data folder (`DATA_DIR`, default
 * `.data`; the stack must be stopped), stopped again afterwards. `TABLE_NAME` defaults to the
 * local stack's.
 *
 * @param run - the command
 */
export async function withMaintenanceTable(run: (table: Table) => Promise<void>): Promise<void> {
  let dynamo: RunningDynamoDb | undefined;
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    dynamo = await startDynamoDbLocal({ path: join(process.env.DATA_DIR ?? '.data', 'dynamodb') });
    endpoint = dynamo.endpoint;
  }
  try {
    await run(new Table(createDynamoClient(endpoint), process.env.TABLE_NAME ?? 'nextwork'));
  } finally {
    await dynamo?.stop();
  }
}
