import type { Context } from 'aws-lambda';
import { logger, withLambdaContext } from '#kernel/logger';
import { createDynamoClient } from '#kernel/table/client';
import { Table } from '#kernel/table/table';
import { lifecycleEngineFromEnvironment } from '../workflow/engine-registry.ts';
import { type ReconcileOptions, reconcileLifecycles } from './reconcile-lifecycles.ts';

const table = new Table(createDynamoClient(), process.env.TABLE_NAME ?? '');
const engine = lifecycleEngineFromEnvironment();

/**
 * Lambda entry of the lifecycle reconciler, run by EventBridge Scheduler every 15 minutes. A
 * pass that could not check or restart some lifecycle fails once it has been through them all,
 * so the function's error alarm fires; the next pass tries them again. After a restore an
 * operator invokes it once with `{ "executionsStartedBefore": "<ISO time>" }` (docs/runbook.md);
 * the scheduler's event carries no such field.
 *
 * @param event - the scheduler's event, or an operator's after a restore
 */
export const handler = withLambdaContext(async function reconcile(
  event: ReconcileOptions | null | undefined,
  _context: Context,
): Promise<{ checked: number; restarted: number }> {
  if (!engine) throw new Error('The lifecycle reconciler needs LIFECYCLE_STATE_MACHINE_ARN');
  const before = event?.executionsStartedBefore;
  if (before !== undefined && Number.isNaN(Date.parse(before))) {
    throw new Error('executionsStartedBefore must be an ISO 8601 time');
  }
  const options = before === undefined ? {} : { executionsStartedBefore: before };
  const report = await reconcileLifecycles({ table, engine, logger }, options);
  if (report.failed.length > 0) {
    throw new Error(`${report.failed.length} running lifecycles could not be reconciled`);
  }
  return { checked: report.checked, restarted: report.restarted.length };
});
