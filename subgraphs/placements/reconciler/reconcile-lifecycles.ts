import { createItemLoader } from '#kernel/entity-loader';
import { ConflictError } from '#kernel/errors';
import { createMetricsRecorder } from '#kernel/metrics';
import type { ExecutionDescription, ExecutionStatus } from '#kernel/workflow-engine';
import {
  type PlacementWithLifecycle,
  type RelaunchDeps,
  relaunchLifecycle,
} from '../domain/lifecycle-relaunch.ts';
import type { Placement } from '../domain/placement.ts';
import { placementsWithRunningLifecycle } from '../repository/lifecycle-task-repository.ts';
import { loadPlacement } from '../repository/placement-repository.ts';

/**
 * The lifecycle reconciler: the one repair of a lifecycle whose execution stopped while its
 * record says RUNNING — a start that failed (or a process that died) after the placement was
 * committed, a task that failed past its retries, an execution that timed out or was stopped
 * behind the placement's back. The same code runs in AWS (a Lambda function EventBridge
 * Scheduler runs every 15 minutes, `handler.ts`) and in `npm start` (a timer, every minute).
 * It is idempotent: a pass finds nothing to do where the previous one repaired everything.
 */

/** What one pass found and did. */
export interface ReconcileReport {
  /** How many lifecycles recorded RUNNING it looked at. */
  checked: number;
  /** The lifecycles it restarted. */
  restarted: RestartedLifecycle[];
  /** The placements it could not check or restart (logged; the next pass tries again). */
  failed: string[];
}

/** A lifecycle restarted by a pass. */
export interface RestartedLifecycle {
  placementId: string;
  /**
   * The execution that had stopped, and how (MISSING: it never started; RUNNING: it ran before
   * a restore).
   */
  from: string;
  found: ExecutionStatus | 'MISSING';
  /** The execution that runs the lifecycle now. */
  to: string;
  /** Whether it was started (if not, the next pass starts it). */
  started: boolean;
}

/**
 * Whether a lifecycle recorded RUNNING needs a new execution: its execution is missing, failed,
 * timed out, was stopped, or succeeded although the record says the lifecycle runs. Only a
 * running execution moves a lifecycle on.
 *
 * @param status - its execution's status; undefined when no execution has its name
 */
export function executionStopped(status: ExecutionStatus | undefined): boolean {
  return status !== 'RUNNING';
}

/** How a pass judges the executions it finds running. */
export interface ReconcileOptions {
  /**
   * After a point-in-time restore: the moment the restored table was put in service (ISO 8601,
   * in the engine's time). An execution started before it ran against the table as it went on
   * after the restore point — it may be steps ahead of its restored record, waiting on a task
   * the record holds open or on one the record never saw — so every lifecycle whose execution
   * started before it is restarted at the step its record holds (the old execution stopped).
   * Its new execution starts after that moment, so a pass with the same option repeated
   * restarts nothing again.
   */
  executionsStartedBefore?: string;
}

/**
 * Whether an execution must be replaced: it stopped, or it ran before a restore.
 *
 * @param execution - the execution the record names; undefined when none has its name
 * @param options - the pass's options
 */
function needsReplacing(
  execution: ExecutionDescription | undefined,
  { executionsStartedBefore }: ReconcileOptions,
): boolean {
  if (executionStopped(execution?.status)) return true;
  return executionsStartedBefore !== undefined && execution
    ? Date.parse(execution.startedAt) < Date.parse(executionsStartedBefore)
    : false;
}

/**
 * One pass: pages through every lifecycle recorded RUNNING (the sparse index of running
 * lifecycles, never a scan), asks the engine for the execution each record names, and restarts
 * each whose execution has stopped (or, after a restore, started before it) at the step its
 * record holds, under the next execution name.
 *
 * The lifecycles it restarted are counted (`LifecyclesRepaired`, published at the end of the
 * pass), which raises an alarm: something stopped them.
 *
 * @param deps - the table, the lifecycle engine and a logger
 * @param options - after a restore, which executions to replace although they run
 */
export async function reconcileLifecycles(
  deps: RelaunchDeps,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const report: ReconcileReport = { checked: 0, restarted: [], failed: [] };
  for await (const listed of placementsWithRunningLifecycle(deps.table)) {
    report.checked += 1;
    try {
      const restarted = await reconcileLifecycle(deps, listed, options);
      if (restarted) report.restarted.push(restarted);
    } catch (error) {
      if (error instanceof ConflictError) continue; // it moved on since it was read: next pass
      report.failed.push(listed.id);
      deps.logger.error('Lifecycle not reconciled', {
        placementId: listed.id,
        error: error as Error,
      });
    }
  }
  if (report.restarted.length > 0) {
    const metrics = createMetricsRecorder();
    metrics.count('LifecyclesRepaired', {}, report.restarted.length);
    metrics.publish();
  }
  deps.logger.info('Lifecycles reconciled', {
    checked: report.checked,
    restarted: report.restarted.length,
    failed: report.failed.length,
  });
  return report;
}

/** Restarts one lifecycle if its execution must be replaced; undefined when it runs (or moved on). */
async function reconcileLifecycle(
  deps: RelaunchDeps,
  listed: Placement,
  options: ReconcileOptions,
): Promise<RestartedLifecycle | undefined> {
  const listedName = listed.lifecycle?.executionId ?? '';
  const listedExecution = await deps.engine.describeExecution(listedName);
  if (!needsReplacing(listedExecution, options)) return undefined;
  // The index is eventually consistent: decide on the placement as it is now.
  const placement = await loadPlacement(createItemLoader(deps.table), listed.id);
  if (placement?.lifecycle?.status !== 'RUNNING') return undefined;
  const from = placement.lifecycle.executionId;
  const execution =
    from === listedName ? listedExecution : await deps.engine.describeExecution(from);
  if (!needsReplacing(execution, options)) return undefined;
  const status = execution?.status;
  const relaunch = await relaunchLifecycle(deps, placement as PlacementWithLifecycle, 'RESTART');
  return {
    placementId: placement.id,
    from,
    found: status ?? 'MISSING',
    to: relaunch.executionId,
    started: relaunch.started,
  };
}
