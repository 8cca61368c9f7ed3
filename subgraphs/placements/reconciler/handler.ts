import type { Context } from 'aws-lambda';
import { logger, withLambdaContext } from '#kernel/logger';
import { createDynamoClient } from '#kernel/table/client';
import { Table } from '#kernel/table/table';
import { lifecycleEngineFromEnvironment } from '../workflow/engine-registry.ts';
import { reconcileLifecycles } from './reconcile-lifecycles.ts';

const table = new Table(createDynamoClient(), process.env.TABLE_NAME ?? '');
const engine = lifecycleEngineFromEnvironment();

/**
 * Lambda entry of the lifecycle reconciler, run by EventBridge Scheduler every 15 minutes. A
 * pass that could not check or restart some lifecycle fails once it has been through them all,
 * so the function's error alarm fires; the next pass tries them again.
 */
export const handler = withLambdaContext(async function reconcile(
  _event: unknown,
  _context: Context,
): Promise<{ checked: number; restarted: number }> {
  if (!engine) throw new Error('The lifecycle reconciler needs LIFECYCLE_STATE_MACHINE_ARN');
  const report = await reconcileLifecycles({ table, engine, logger });
  if (report.failed.length > 0) {
    throw new Error(`${report.failed.length} running lifecycles could not be reconciled`);
  }
  return { checked: report.checked, restarted: report.restarted.length };
});
