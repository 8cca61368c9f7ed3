import { logger } from '#kernel/logger';
import type { Table } from '#kernel/table/table';
import { type LifecycleClock, ScaledLifecycleClock } from '#placements/domain/lifecycle-clock';
import { LIFECYCLE_CONFIG } from '#placements/domain/lifecycle-config';
import { startLifecycleExecution } from '#placements/domain/lifecycle-start';
import { placementsWithRunningLifecycle } from '#placements/repository/lifecycle-task-repository';
import { createLifecycleTaskHandler } from '#placements/workflow/lifecycle-task-handler';
import { readClockOffset, writeClockOffset } from './clock-file.ts';
import { LocalLifecycleEngine } from './local-engine.ts';

/** How to run placement lifecycles in the local stack. */
export interface LocalLifecycleOptions {
  table: Table;
  /** How much faster than real time the lifecycle clock runs (`LIFECYCLE_TIME_SCALE`). @default 1 */
  scale?: number;
  /** Where the clock's offset is kept across restarts; not kept when absent. */
  dataDir?: string;
  /** A clock of the caller's (tests set one by hand); replaces the scaled clock. */
  clock?: LifecycleClock;
}

/** The running local lifecycle engine. */
export interface LocalLifecycle {
  engine: LocalLifecycleEngine;
  clock: LifecycleClock;
  /** How many running lifecycles were resumed at start. */
  resumed: number;
  /**
   * Stops every execution and starts each running lifecycle again at its recorded step (a
   * clock set by hand takes effect this way: every wait is computed afresh).
   */
  retime(): Promise<number>;
  /** Stops every execution (keeping the clock's offset); the placements keep their record. */
  stop(): Promise<void>;
}

/**
 * Resumes every running lifecycle at the step its placement records (one query of the sparse
 * index of running lifecycles). Task creation is idempotent, so a step that had opened its task
 * opens the same task again, and one done already is passed: none runs twice.
 *
 * @param table - the table
 * @param engine - the engine to start them in
 */
export async function resumeLifecycles(
  table: Table,
  engine: LocalLifecycleEngine,
): Promise<number> {
  let resumed = 0;
  for await (const placement of placementsWithRunningLifecycle(table)) {
    await startLifecycleExecution({ logger }, engine, placement);
    resumed += 1;
  }
  return resumed;
}

/**
 * Starts the local lifecycle engine: the lifecycle clock (sped up by `scale`, its offset kept
 * in `dataDir`), the engine running the shared state machine definition with the shared task
 * handler, in place for the placements subgraph's mutations; then resumes every lifecycle that
 * was running when the stack last stopped.
 *
 * @param options - the table, the time scale, the data folder or a clock
 */
export async function startLocalLifecycle(options: LocalLifecycleOptions): Promise<LocalLifecycle> {
  const clock =
    options.clock ??
    new ScaledLifecycleClock(
      options.scale ?? 1,
      options.dataDir ? await readClockOffset(options.dataDir) : 0,
    );
  const engine = new LocalLifecycleEngine((self) =>
    createLifecycleTaskHandler({
      table: options.table,
      clock,
      config: LIFECYCLE_CONFIG,
      engine: self,
      logger,
    }),
  );
  const resumed = await resumeLifecycles(options.table, engine);
  return {
    engine,
    clock,
    resumed,
    async retime() {
      await engine.stop();
      return resumeLifecycles(options.table, engine);
    },
    async stop() {
      await engine.stop();
      if (options.dataDir && clock instanceof ScaledLifecycleClock) {
        await writeClockOffset(options.dataDir, clock.offsetMs());
      }
    },
  };
}
