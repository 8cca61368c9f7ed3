import { join } from 'node:path';
import { createDynamoClient } from '#kernel/table/client';
import { Table } from '#kernel/table/table';
import { type RunningDynamoDb, startDynamoDbLocal } from './dynamodb-local.ts';

/** Which table a maintenance command works on, as the environment names it. */
export type MaintenanceTarget =
  | { kind: 'local-data'; path: string; tableName: string }
  | { kind: 'endpoint'; endpoint: string; tableName: string }
  | { kind: 'aws'; region: string; tableName: string };

/** Whether a command may reach a deployed table. */
export interface MaintenanceOptions {
  /**
   * Only for a command that is safe on a stage while traffic flows (`npm run migrate`). The
   * recount's `--fix` writes recounted values, so it stays local until it adds deltas instead.
   * @default false
   */
  aws?: boolean;
}

/**
 * The table the environment names: a DynamoDB at `DYNAMODB_ENDPOINT` when set; else, for a
 * command allowed there and with both `TABLE_NAME` and `AWS_REGION`, the deployed table in AWS,
 * reached with the normal credential chain (a profile, SSO, the environment's keys); else
 * `npm start`'s data folder (`DATA_DIR`, default `.data`). Both are needed for AWS, so that a
 * region set in a shell for other work does not send a local command to a stage.
 *
 * @param env - the process environment
 * @param options - whether the command may reach AWS
 */
export function maintenanceTarget(
  env: NodeJS.ProcessEnv = process.env,
  options: MaintenanceOptions = {},
): MaintenanceTarget {
  const tableName = env.TABLE_NAME ?? 'nextwork';
  if (env.DYNAMODB_ENDPOINT) {
    return { kind: 'endpoint', endpoint: env.DYNAMODB_ENDPOINT, tableName };
  }
  if (options.aws && env.TABLE_NAME && env.AWS_REGION) {
    return { kind: 'aws', region: env.AWS_REGION, tableName };
  }
  return { kind: 'local-data', path: join(env.DATA_DIR ?? '.data', 'dynamodb'), tableName };
}

/**
 * Runs a maintenance command against the table {@link maintenanceTarget} names; for the local
 * data, a DynamoDB Local is started on it (the stack must be stopped) and stopped afterwards.
 *
 * @param run - the command
 * @param options - whether the command may reach AWS
 */
export async function withMaintenanceTable(
  run: (table: Table) => Promise<void>,
  options: MaintenanceOptions = {},
): Promise<void> {
  const target = maintenanceTarget(process.env, options);
  let dynamo: RunningDynamoDb | undefined;
  let endpoint: string | undefined;
  if (target.kind === 'local-data') {
    dynamo = await startDynamoDbLocal({ path: target.path });
    endpoint = dynamo.endpoint;
  } else if (target.kind === 'endpoint') {
    endpoint = target.endpoint;
  }
  // Without an endpoint (AWS; DYNAMODB_ENDPOINT is unset then) the client takes the region and
  // credentials from the SDK's chain.
  const client = createDynamoClient(endpoint);
  try {
    await run(new Table(client, target.tableName));
  } finally {
    client.destroy();
    await dynamo?.stop();
  }
}
