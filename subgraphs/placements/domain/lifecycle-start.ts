import type { SubgraphContext } from '#kernel/context';
import type { Table } from '#kernel/table/table';
import type { UnitOfWork } from '#kernel/unit-of-work';
import { LifecycleTaskEntity } from '../repository/lifecycle-task-entity.ts';
import { listTasksOfPlacement } from '../repository/lifecycle-task-repository.ts';
import {
  type LifecycleTask,
  lifecycleExecutionName,
  type PlacementLifecycle,
  stepDueDate,
} from './lifecycle.ts';
import { LIFECYCLE_CONFIG } from './lifecycle-config.ts';
import {
  type LifecycleEngine,
  type LifecycleExecutionInput,
  StaleTaskTokenError,
} from './lifecycle-engine.ts';
import type { Placement } from './placement.ts';
import { broken, RULE } from './rules.ts';

/**
 * How the placement's commands start, resume and stop its lifecycle workflow. The placement
 * item is written first (it is the truth of where the lifecycle stands); the engine is told
 * afterwards, and a failure to tell it is logged, not thrown: the workflow reconciles from the
 * stored record (a resume, a chase that finds the task done), and an execution that never
 * started is started by the lifecycle reconciler (`reconciler/`), under the next name.
 */

/**
 * The lifecycle record of a placement that starts now: at the check-in, round 1, with the
 * staff member who started it as the one who gets its tasks.
 *
 * @param placement - the placement (under way)
 * @param consultantStaffId - who gets the tasks
 * @param now - the moment it starts
 */
export function newLifecycle(
  placement: Placement,
  consultantStaffId: string,
  now: Date,
): PlacementLifecycle {
  return {
    executionId: lifecycleExecutionName(placement.id),
    status: 'RUNNING',
    step: 'CHECK_IN',
    round: 1,
    nextDueDate: stepDueDate(placement, 'CHECK_IN', 1, LIFECYCLE_CONFIG),
    consultantStaffId,
    startedAt: now.toISOString(),
    endedAt: null,
    endReason: null,
  };
}

/**
 * Starts the workflow execution a placement's lifecycle record names, once the record is
 * committed: at the check-in for a new lifecycle, else at the step the record holds. A start
 * that fails is logged: the record names an execution that does not exist, which the
 * lifecycle reconciler restarts.
 *
 * @param context - the request's context (for its logger)
 * @param engine - the lifecycle engine; nothing happens without one
 * @param placement - the placement as stored
 */
export async function startLifecycleExecution(
  context: Pick<SubgraphContext, 'logger'>,
  engine: LifecycleEngine | null,
  placement: Placement,
): Promise<void> {
  const lifecycle = placement.lifecycle;
  if (!engine || lifecycle?.status !== 'RUNNING') return;
  const fresh = lifecycle.step === 'CHECK_IN' && lifecycle.round === 1;
  const input: LifecycleExecutionInput = fresh
    ? { placementId: placement.id, round: 1 }
    : { placementId: placement.id, round: lifecycle.round, resumeAt: lifecycle.step };
  try {
    await engine.startExecution(lifecycle.executionId, input);
    context.logger.info('Lifecycle execution started', { placementId: placement.id });
  } catch (error) {
    context.logger.error('Lifecycle execution could not be started', {
      placementId: placement.id,
      error: error as Error,
    });
  }
}

/**
 * Stops a lifecycle's execution (after an interruption was written).
 *
 * @param context - the request's context (for its logger)
 * @param engine - the lifecycle engine; nothing happens without one
 * @param executionId - the execution
 */
export async function stopLifecycleExecution(
  context: Pick<SubgraphContext, 'logger'>,
  engine: LifecycleEngine | null,
  executionId: string,
): Promise<void> {
  if (!engine) return;
  try {
    await engine.stopExecution(executionId, 'Placement interrupted');
  } catch (error) {
    // The workflow finds the lifecycle ended at its next step and ends itself.
    context.logger.error('Lifecycle execution could not be stopped', { error: error as Error });
  }
}

/**
 * Tells the workflow waiting on a task that it is done. A stale token (the wait timed out and
 * the workflow is chasing the task) is no error: the chase finds the task done and goes on.
 *
 * @param context - the request's context (for its logger)
 * @param engine - the lifecycle engine; nothing happens without one
 * @param task - the task as read before it was completed (its token is the wait's)
 * @param output - what the workflow gets back
 */
export async function resumeWorkflow(
  context: Pick<SubgraphContext, 'logger'>,
  engine: LifecycleEngine | null,
  task: LifecycleTask,
  output: Record<string, unknown>,
): Promise<void> {
  if (!engine || !task.taskToken) return;
  try {
    await engine.sendTaskSuccess(task.taskToken, output);
  } catch (error) {
    const stale = error instanceof StaleTaskTokenError;
    context.logger[stale ? 'info' : 'error']('Lifecycle callback not delivered', {
      placementId: task.placementId,
      step: task.step,
      stale,
      ...(stale ? {} : { error: error as Error }),
    });
  }
}

/** Refuses a change the lifecycle makes through its own mutations while it runs. */
export function requireNoRunningLifecycle(placement: Placement): void {
  if (placement.lifecycle?.status === 'RUNNING') {
    throw broken(
      RULE.LIFECYCLE_RUNNING,
      "The placement's lifecycle is running: record the outcome at its decision with recordPlacementOutcome",
      ['placementId'],
    );
  }
}

/**
 * What cancels a placement's open lifecycle tasks (each on condition of its version), to be
 * staged with the change that ends the lifecycle.
 *
 * @param table - the table
 * @param placementId - the placement
 */
export async function cancelOpenTasks(
  table: Table,
  placementId: string,
): Promise<(work: UnitOfWork) => void> {
  const open = (await listTasksOfPlacement(table, placementId)).filter(
    (task) => task.status === 'OPEN',
  );
  return (work) => {
    for (const task of open) {
      work.replace(LifecycleTaskEntity, task, { ...task, status: 'CANCELLED', taskToken: null });
    }
  };
}
