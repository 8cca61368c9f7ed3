import { type LocalLifecycle, startLocalLifecycle } from '#infra/local/lifecycle/local-lifecycle';
import type { SubgraphContext } from '#kernel/context';
import { createItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import {
  type LifecycleStep,
  type LifecycleTask,
  lifecycleExecutionName,
  lifecycleExecutionRun,
} from '#placements/domain/lifecycle';
import { type LifecycleClock, MAX_WAIT_SECONDS } from '#placements/domain/lifecycle-clock';
import { loadLifecycleTask } from '#placements/repository/lifecycle-task-repository';
import { loadPlacement } from '#placements/repository/placement-repository';
import { testContext } from './context.ts';
import { staffIdentity } from './identities.ts';

/**
 * A lifecycle clock set by hand: a moment that has come is due now, one that has not is "much
 * later" (the longest wait). Setting the clock and retiming the engine makes every wait be
 * computed afresh, so tests walk months in milliseconds and nothing depends on real time.
 */
export class ManualLifecycleClock implements LifecycleClock {
  private at: number;

  constructor(date: string) {
    this.at = Date.parse(`${date}T12:00:00Z`);
  }

  /** Sets lifecycle time to noon (UTC) of a date. */
  set(date: string): void {
    this.at = Date.parse(`${date}T12:00:00Z`);
  }

  /** Today's date on this clock. */
  today(): string {
    return new Date(this.at).toISOString().slice(0, 10);
  }

  now(): number {
    return this.at;
  }

  secondsUntil(at: number): number {
    return at <= this.at ? 0 : MAX_WAIT_SECONDS;
  }
}

/** Polls until a check holds (or fails the test after `timeoutMs`). */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The local lifecycle engine on a test table with a clock set by hand, and helpers. */
export interface LifecycleHarness {
  lifecycle: LocalLifecycle;
  clock: ManualLifecycleClock;
  /**
   * A consultant's context of the placement's municipality at the clock's today, with this
   * harness's engine as the lifecycle engine.
   */
  staff(municipalityCode?: string, staffId?: string): SubgraphContext;
  /** The task of a step of the placement's lifecycle, of the round it is at; undefined if none. */
  taskOf(placementId: string, step: LifecycleStep): Promise<LifecycleTask | undefined>;
  /** Sets the clock to a date and lets every execution compute its waits afresh. */
  advanceTo(date: string): Promise<void>;
  /**
   * Waits until the execution the placement's record names waits for a person on a step (its
   * task open).
   */
  waitingOn(placementId: string, step: LifecycleStep): Promise<void>;
  /** Waits until the execution the placement's record names has ended. */
  ended(placementId: string): Promise<void>;
  /**
   * The states the placement's executions entered, in order: the first's, then those of each
   * that took the lifecycle over (as far as the engine keeps their names: 90 days after their
   * end).
   */
  history(placementId: string): string[];
  stop(): Promise<void>;
}

/**
 * Starts the local lifecycle engine for a test file.
 *
 * @param table - the test file's table
 * @param today - the clock's first date
 */
export async function startLifecycleHarness(
  table: Table,
  today: string,
): Promise<LifecycleHarness> {
  const clock = new ManualLifecycleClock(today);
  const lifecycle = await startLocalLifecycle({ table, clock });
  const name = lifecycleExecutionName;
  /** The execution the placement's record names now. */
  const current = async (placementId: string) =>
    (await loadPlacement(createItemLoader(table), placementId))?.lifecycle?.executionId ??
    name(placementId);
  const taskOf = async (placementId: string, step: LifecycleStep) => {
    const placement = await loadPlacement(createItemLoader(table), placementId);
    const round = placement?.lifecycle?.round ?? 1;
    return loadLifecycleTask(
      createItemLoader(table),
      placementId,
      step,
      step === 'CHECK_IN' || step === 'MIDWAY_EVALUATION' ? 1 : round,
    );
  };
  return {
    lifecycle,
    clock,
    staff: (municipalityCode = '265', staffId = `staff-${municipalityCode}-1`) =>
      testContext(
        table,
        staffIdentity(municipalityCode, 'NETWORK_CONSULTANT', staffId),
        new Date(clock.now()),
        { workflows: lifecycle.engine },
      ),
    taskOf,
    async advanceTo(date) {
      clock.set(date);
      await lifecycle.retime();
    },
    async waitingOn(placementId, step) {
      await eventually(
        async () => lifecycle.engine.isWaitingOn(await current(placementId), step),
        `${placementId} waiting on ${step}`,
      );
      await eventually(
        async () => (await taskOf(placementId, step))?.status === 'OPEN',
        `${placementId} task ${step} open`,
      );
    },
    async ended(placementId) {
      await eventually(
        async () => lifecycle.engine.inspect(await current(placementId))?.status === 'SUCCEEDED',
        `${placementId} execution ended`,
      );
    },
    history: (placementId) =>
      lifecycle.engine
        .executions()
        .filter((execution) => lifecycleExecutionRun(placementId, execution.name) !== undefined)
        .flatMap((execution) => execution.history),
    stop: () => lifecycle.stop(),
  };
}
