import type { Logger } from '@aws-lambda-powertools/logger';
import { commitSystemWork } from '#kernel/command';
import type { Table } from '#kernel/table/table';
import { UnitOfWork } from '#kernel/unit-of-work';
import { ExecutionNameTakenError } from '#kernel/workflow-engine';
import { stagePlacementRecord } from '../repository/placement-writes.ts';
import { nextLifecycleExecutionName, type PlacementLifecycle } from './lifecycle.ts';
import type { LifecycleEngine, LifecycleExecutionInput } from './lifecycle-engine.ts';
import type { Placement } from './placement.ts';

/**
 * How a placement's lifecycle goes on under a new execution: restarted by the reconciler when
 * its execution stopped, or handed over by an execution that comes near its horizon. The record
 * is written first — the next name, on condition of the version read — and the engine is told
 * afterwards, so a failure between the two leaves a record that names an execution that does
 * not exist, which the reconciler's next pass restarts; and since every step acts only for the
 * execution the record names, two executions never move one lifecycle.
 */

/** Why a lifecycle goes on under a new execution. */
export type RelaunchReason = 'RESTART' | 'HANDOVER';

/** What a relaunch needs. */
export interface RelaunchDeps {
  table: Table;
  engine: LifecycleEngine;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/** A placement whose lifecycle has started. */
export type PlacementWithLifecycle = Placement & { lifecycle: PlacementLifecycle };

/** How a relaunch went. */
export interface Relaunch {
  /** The placement as stored afterwards. */
  placement: PlacementWithLifecycle;
  /** The execution the record names now. */
  executionId: string;
  /** Whether that execution was started; if not, the reconciler's next pass starts it. */
  started: boolean;
}

/**
 * How often a relaunch tries the next name when the engine says a name was used before (it
 * should never be: a name is only ever taken by its own record).
 */
export const NAME_TRIES = 5;

/**
 * The lifecycle record of a placement whose lifecycle goes on under the next execution name, at
 * the step and round it holds. A restart is counted; a hand-over is not (it is the plan).
 *
 * @param placementId - the placement
 * @param lifecycle - the record as read
 * @param reason - why
 */
export function relaunchedLifecycle(
  placementId: string,
  lifecycle: PlacementLifecycle,
  reason: RelaunchReason,
): PlacementLifecycle {
  return {
    ...lifecycle,
    executionId: nextLifecycleExecutionName(placementId, lifecycle.executionId),
    ...(reason === 'RESTART' ? { restarts: (lifecycle.restarts ?? 0) + 1 } : {}),
  };
}

/**
 * The input of an execution that picks a lifecycle up where its record holds it.
 *
 * @param placementId - the placement
 * @param lifecycle - the record
 */
export function resumeInput(
  placementId: string,
  lifecycle: PlacementLifecycle,
): LifecycleExecutionInput {
  return { placementId, round: lifecycle.round, resumeAt: lifecycle.step };
}

/** Writes the record naming the next execution, on condition of the version read. */
async function recordNextName(
  deps: RelaunchDeps,
  before: PlacementWithLifecycle,
  lifecycle: PlacementLifecycle,
): Promise<PlacementWithLifecycle> {
  const work = new UnitOfWork();
  const stored = stagePlacementRecord(work, before, { ...before, lifecycle });
  await commitSystemWork(deps.table, work, { logger: deps.logger });
  return { ...stored, lifecycle };
}

/**
 * Moves a lifecycle recorded RUNNING to a new execution at the step its record holds: writes
 * the record (the next execution name; a restart counted), stops the execution it replaces
 * when that is a restart (nothing, unless a start of it came late), then starts the new one. A
 * name the engine says was used before is passed over for the next. A failed start is logged,
 * not thrown: the record is the truth, and the reconciler's next pass starts its execution.
 *
 * @param deps - the table, the engine and a logger
 * @param placement - the placement as read, its lifecycle RUNNING
 * @param reason - a restart (the execution stopped) or a hand-over (by the execution itself)
 * @throws ConflictError when the placement changed since it was read (nothing written)
 */
export async function relaunchLifecycle(
  deps: RelaunchDeps,
  placement: PlacementWithLifecycle,
  reason: RelaunchReason,
): Promise<Relaunch> {
  const replaced = placement.lifecycle.executionId;
  let stored = await recordNextName(
    deps,
    placement,
    relaunchedLifecycle(placement.id, placement.lifecycle, reason),
  );
  // A hand-over is asked for by the execution it replaces, which ends by itself.
  if (reason === 'RESTART') await stopReplaced(deps, replaced);
  for (let tries = 1; ; tries++) {
    const name = stored.lifecycle.executionId;
    try {
      await deps.engine.startExecution(name, resumeInput(stored.id, stored.lifecycle));
      deps.logger.info('Lifecycle execution took over', {
        placementId: stored.id,
        // Not `reason`: the logger redacts that name (a status change's reason is free text).
        cause: reason,
        from: replaced,
        to: name,
        step: stored.lifecycle.step,
      });
      return { placement: stored, executionId: name, started: true };
    } catch (error) {
      if (!(error instanceof ExecutionNameTakenError) || tries >= NAME_TRIES) {
        deps.logger.error('Lifecycle execution recorded but not started; the reconciler will', {
          placementId: stored.id,
          execution: name,
          error: error as Error,
        });
        return { placement: stored, executionId: name, started: false };
      }
      stored = await recordNextName(deps, stored, {
        ...stored.lifecycle,
        executionId: nextLifecycleExecutionName(stored.id, name),
      });
    }
  }
}

/** Stops the execution a restart replaces; it is not running, unless its start came late. */
async function stopReplaced(deps: RelaunchDeps, executionId: string): Promise<void> {
  try {
    await deps.engine.stopExecution(executionId, 'Replaced by the lifecycle reconciler');
  } catch (error) {
    // Its steps find that the record names another execution and end it anyway.
    deps.logger.warn('Replaced lifecycle execution not stopped', {
      execution: executionId,
      error: error as Error,
    });
  }
}
