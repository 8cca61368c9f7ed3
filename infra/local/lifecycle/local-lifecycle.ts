import { logger } from '#kernel/logger';
import type { Table } from '#kernel/table/table';
import { type LifecycleClock, ScaledLifecycleClock } from '#placements/domain/lifecycle-clock';
import { LIFECYCLE_CONFIG } from '#placements/domain/lifecycle-config';
import type { LifecycleExecutionInput } from '#placements/domain/lifecycle-engine';
import type { Placement } from '#placements/domain/placement';
import {
  type ReconcileOptions,
  type ReconcileReport,
  reconcileLifecycles,
} from '#placements/reconciler/reconcile-lifecycles';
import { placementsWithRunningLifecycle } from '#placements/repository/lifecycle-task-repository';
import { createLifecycleTaskHandler } from '#placements/workflow/lifecycle-task-handler';
import { keepClockOffset, readClockOffset } from './clock-file.ts';
import { ExecutionRecords } from './execution-records.ts';
import type { Definition } from './local-definition.ts';
import { LocalLifecycleEngine } from './local-engine.ts';
import { keepReconciling } from './reconcile-timer.ts';

/** How to run placement lifecycles in the local stack. */
export interface LocalLifecycleOptions {
  table: Table;
  /** How much faster than real time the lifecycle clock runs (`LIFECYCLE_TIME_SCALE`). @default 1 */
  scale?: number;
  /** Where the clock's offset is kept across restarts; not kept when absent. */
  dataDir?: string;
  /** A clock of the caller's (tests set one by hand); replaces the scaled clock. */
  clock?: LifecycleClock;
  /**
   * Divides the definition's `Retry` waits, which are otherwise real seconds as in AWS (tests
   * of a failing task only). @default 1
   */
  retryIntervalDivisor?: number;
  /**
   * The definition the executions run (tests of executions started on an earlier definition).
   * @default the deployed definition
   */
  definition?: Definition;
  /**
   * How often the lifecycle reconciler runs, in seconds; 0 runs it only when asked
   * (`reconcile()`). `npm start` runs it every minute (`LIFECYCLE_RECONCILE_SECONDS`). @default 0
   */
  reconcileEverySeconds?: number;
}

/** The running local lifecycle engine. */
export interface LocalLifecycle {
  engine: LocalLifecycleEngine;
  clock: LifecycleClock;
  /** How many executions that were running when the stack stopped were continued at start. */
  resumed: number;
  /**
   * The placements whose lifecycle is recorded RUNNING while no execution of theirs runs
   * (missing, FAILED, TIMED_OUT or ABORTED) at start: left for the reconciler, which restarts
   * them under a new name at its next pass.
   */
  unattended: string[];
  /**
   * One pass of the lifecycle reconciler now, on this engine: the code EventBridge Scheduler
   * runs in AWS. The timer (`reconcileEverySeconds`) runs the same.
   *
   * @param options - after a restore, which running executions to replace too
   */
  reconcile(options?: ReconcileOptions): Promise<ReconcileReport>;
  /**
   * Puts another table (a restored one) behind the lifecycle, as deploying the functions with
   * its `TABLE_NAME` does in AWS: the executions keep running where they are, and their next
   * steps, like the reconciler, read and write that table.
   *
   * @param table - the table from now on
   */
  useTable(table: Table): void;
  /**
   * Suspends every execution and continues each at the step its placement records (a clock
   * set by hand takes effect this way: every wait is computed afresh).
   */
  retime(): Promise<number>;
  /**
   * Stops every execution in this process (keeping the clock's offset and the record of
   * executions, in which they stay RUNNING for the next start to continue).
   */
  stop(): Promise<void>;
}

/**
 * Where a continued execution picks up: at the step and round its placement records, when the
 * placement's lifecycle runs under this execution; otherwise (the lifecycle ended while the
 * stack was down, or its placement is gone) with the execution's own input, whose first step
 * finds the lifecycle ended and ends the execution, as it would have ended in AWS.
 */
function continuationInput(
  execution: { name: string; input: LifecycleExecutionInput },
  placement: Placement | undefined,
): LifecycleExecutionInput {
  const lifecycle = placement?.lifecycle;
  if (!placement || !lifecycle) return execution.input;
  return { placementId: placement.id, round: lifecycle.round, resumeAt: lifecycle.step };
}

/**
 * Continues every execution recorded RUNNING that does not run in this process — the stack
 * stopped, or a clock set by hand jumped — under its own name, at the step its placement
 * records (one query of the sparse index of running lifecycles). It starts nothing: a
 * lifecycle whose execution is missing, FAILED, TIMED_OUT or ABORTED is the reconciler's to
 * restart under a new name. Task creation is idempotent, so a step that had opened its task
 * opens the same task again, and one done already is passed: none runs twice.
 *
 * @param table - the table
 * @param engine - the engine whose executions continue
 * @returns how many continued, and the placements left without a running execution
 */
export async function resumeLifecycles(
  table: Table,
  engine: LocalLifecycleEngine,
): Promise<{ resumed: number; unattended: string[] }> {
  const running = new Map<string, Placement>();
  for await (const placement of placementsWithRunningLifecycle(table)) {
    running.set(placement.id, placement);
  }
  let resumed = 0;
  for (const execution of engine.suspendedExecutions()) {
    const placement = running.get(String(execution.input.placementId));
    if (placement?.lifecycle && placement.lifecycle.executionId !== execution.name) {
      // Another execution runs this lifecycle now: this one must not walk it back.
      logger.warn('Lifecycle execution superseded; stopped', { execution: execution.name });
      await engine.stopExecution(execution.name);
      continue;
    }
    if (await engine.continueExecution(execution.name, continuationInput(execution, placement))) {
      resumed += 1;
    }
  }
  const unattended: string[] = [];
  for (const placement of running.values()) {
    const name = placement.lifecycle?.executionId ?? '';
    if ((await engine.describeExecution(name))?.status !== 'RUNNING') unattended.push(placement.id);
  }
  if (unattended.length > 0) {
    logger.warn('Running lifecycles without a running execution, left for the reconciler', {
      count: unattended.length,
    });
  }
  return { resumed, unattended };
}

/**
 * Starts the local lifecycle engine: the lifecycle clock (sped up by `scale`, its offset kept
 * in `dataDir`), the engine running the shared state machine definition with the shared task
 * handler and its record of executions (kept in `dataDir`), in place for the placements
 * subgraph's mutations; then continues every execution that was running when the stack last
 * stopped, and runs the lifecycle reconciler every `reconcileEverySeconds` (which restarts the
 * lifecycles left without a running execution).
 *
 * @param options - the table, the time scale, the data folder or a clock, the reconciler's turn
 */
export async function startLocalLifecycle(options: LocalLifecycleOptions): Promise<LocalLifecycle> {
  const clock =
    options.clock ??
    new ScaledLifecycleClock(
      options.scale ?? 1,
      options.dataDir ? await readClockOffset(options.dataDir) : 0,
    );
  // The table the task handler and the reconciler use, replaced by `useTable`: the handler
  // reads it from here at every step.
  const deps = { table: options.table };
  const engine = new LocalLifecycleEngine(
    (self) =>
      createLifecycleTaskHandler({
        get table() {
          return deps.table;
        },
        clock,
        config: LIFECYCLE_CONFIG,
        engine: self,
        logger,
      }),
    {
      clock,
      records: await ExecutionRecords.open(options.dataDir),
      retryIntervalDivisor: options.retryIntervalDivisor ?? 1,
      ...(options.definition ? { definition: options.definition } : {}),
    },
  );
  const { resumed, unattended } = await resumeLifecycles(options.table, engine);
  const stopKeepingClock =
    options.dataDir && clock instanceof ScaledLifecycleClock
      ? keepClockOffset(options.dataDir, clock)
      : async () => {};
  const reconcile = (reconcileOptions: ReconcileOptions = {}) =>
    reconcileLifecycles({ table: deps.table, engine, logger }, reconcileOptions);
  const everySeconds = options.reconcileEverySeconds ?? 0;
  const stopReconciling =
    everySeconds > 0 ? keepReconciling(reconcile, everySeconds) : async () => {};
  return {
    engine,
    clock,
    resumed,
    unattended,
    reconcile,
    useTable(table) {
      deps.table = table;
    },
    async retime() {
      await engine.stop();
      return (await resumeLifecycles(deps.table, engine)).resumed;
    },
    async stop() {
      await stopReconciling();
      await engine.stop();
      await stopKeepingClock();
    },
  };
}
