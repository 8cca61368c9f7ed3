import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { withLambdaContext } from '#kernel/logger';
import { createMetricsRecorder } from '#kernel/metrics';
import { runMigrations } from '#kernel/migrations/runner';
import { createDynamoClient } from '#kernel/table/client';
import { Table } from '#kernel/table/table';
import { ALL_MIGRATIONS } from './all-migrations.ts';

const table = new Table(createDynamoClient(), process.env.TABLE_NAME ?? '');

/** Time left when a run pauses: enough to save, give back the lease and answer. */
const MARGIN_MS = 60_000;

/** What the custom resource returns to CloudFormation. */
export interface MigrationsResponse {
  PhysicalResourceId: string;
  Data?: { Applied: string };
}

/**
 * The custom resource of `infra/constructs/data-migrations.ts` (provider framework `onEvent`):
 * on Create and on every Update (its property lists the migration ids, so a deploy that adds
 * one updates it) it applies the pending migrations, and the deployment waits for it. Delete
 * leaves the table as it is.
 *
 * A migration that would outlast the function's 15 minutes pauses a minute before the end with
 * its checkpoint saved, and the deployment fails (and rolls back; the data stays as forward as
 * the migration got, which the code before it reads, as it does while a migration runs). Finish
 * it with `TABLE_NAME=… AWS_REGION=… npm run migrate`, which resumes from the checkpoint, then
 * deploy again. A run that finds another at work (its lease not yet expired, at most five
 * minutes after a crashed run) fails the same way, and a second attempt goes on from there.
 *
 * @param event - the CloudFormation custom resource event
 * @param context - the invocation, for the time left
 */
export const handler = withLambdaContext(async function migrate(
  event: CloudFormationCustomResourceEvent,
  context: Pick<Context, 'getRemainingTimeInMillis'>,
): Promise<MigrationsResponse> {
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const metrics = createMetricsRecorder();
  const outcome = await runMigrations(table, ALL_MIGRATIONS, {
    keepGoing: () => context.getRemainingTimeInMillis() > MARGIN_MS,
    metrics,
  }).finally(() => metrics.publish());
  if (outcome.status === 'busy') {
    throw new Error('Another run is applying the data migrations; deploy again once it is done');
  }
  if (outcome.status === 'paused') {
    throw new Error(
      `Migration ${outcome.pausedIn} paused at its checkpoint: finish it with npm run migrate, then deploy again`,
    );
  }
  return {
    PhysicalResourceId: `data-migrations-${table.name}`,
    Data: { Applied: outcome.applied.map(({ id }) => id).join(',') },
  };
});
