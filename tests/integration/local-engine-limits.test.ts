import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOCAL_TASK_FUNCTION_ARN,
  placementLifecycleDefinition,
} from '#infra/lifecycle/placement-lifecycle.asl';
import { MAX_EXECUTION_MS } from '#infra/local/lifecycle/execution-records';
import type { Definition } from '#infra/local/lifecycle/local-definition';
import {
  type LocalLifecycle,
  resumeLifecycles,
  startLocalLifecycle,
} from '#infra/local/lifecycle/local-lifecycle';
import { createItemLoader } from '#kernel/entity-loader';
import { createDynamoClient } from '#kernel/table/client';
import { Table } from '#kernel/table/table';
import { ExecutionNameTakenError } from '#kernel/workflow-engine';
import { ScaledLifecycleClock } from '#placements/domain/lifecycle-clock';
import { loadPlacement } from '#placements/repository/placement-repository';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import { dynamoEndpointOfThisFile } from '../support/file-dynamodb.ts';
import { eventually, ManualLifecycleClock } from '../support/lifecycle-harness.ts';
import {
  executionInputOf,
  executionOf,
  givenRunningLifecycle,
} from '../support/running-lifecycle.ts';
import { createTestTable } from '../support/table.ts';

/** A retrier of the definition's `Retry`. */
interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  BackoffRate?: number;
  MaxAttempts?: number;
}

/**
 * The limits Step Functions puts on an execution, on the local engine: one year, then
 * TIMED_OUT (in lifecycle time, which can be sped up or set by hand); a task that keeps failing
 * past its `Retry` fails the whole execution. Either way the placement still records its
 * lifecycle RUNNING — the case the reconciler repairs — and the engine does not restart it.
 */
describe('the local engine ends executions as Step Functions does', () => {
  const started: LocalLifecycle[] = [];
  let proxy: FaultProxy;

  async function lifecycleOn(options: Parameters<typeof startLocalLifecycle>[0]) {
    const lifecycle = await startLocalLifecycle(options);
    started.push(lifecycle);
    return lifecycle;
  }

  /** A definition that only waits two years of lifecycle time on a clock, then succeeds. */
  function waitsTwoYearsOf(clock: ScaledLifecycleClock): Definition {
    const seconds = clock.secondsUntil(clock.now() + 2 * MAX_EXECUTION_MS);
    const definition = {
      StartAt: 'WaitTwoYears',
      States: {
        WaitTwoYears: { Type: 'Wait', Seconds: seconds, Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    return definition as unknown as Definition;
  }

  beforeAll(async () => {
    proxy = await startFaultProxy({ target: await dynamoEndpointOfThisFile(), enabled: false });
  });

  afterAll(async () => {
    for (const lifecycle of started) await lifecycle.stop();
    await proxy?.stop();
  });

  it('times an execution out one year after it started when the clock set by hand jumps past it, and continues it no more', async () => {
    // Prepare
    const table = await createTestTable();
    const clock = new ManualLifecycleClock('2026-10-12');
    const lifecycle = await lifecycleOn({ table, clock });
    const placement = await givenRunningLifecycle(table);
    const name = executionOf(placement);
    await lifecycle.engine.startExecution(name, executionInputOf(placement));
    await eventually(() => lifecycle.engine.isWaitingOn(name, 'CHECK_IN'), 'the check-in open');
    // Act: a day short of the year, then a day past it
    clock.set('2027-10-11');
    const shortOfYear = await lifecycle.retime();
    const runningThen = (await lifecycle.engine.describeExecution(name))?.status;
    clock.set('2027-10-13');
    await lifecycle.engine.stop();
    const pastYear = await resumeLifecycles(table, lifecycle.engine);
    // Assess
    expect(shortOfYear).toBe(1);
    expect(runningThen).toBe('RUNNING');
    expect(pastYear).toEqual({ resumed: 0, unattended: [placement.id] });
    expect(await lifecycle.engine.describeExecution(name)).toMatchObject({ status: 'TIMED_OUT' });
    expect(lifecycle.engine.runningExecutions()).not.toContain(name);
    expect((await loadPlacement(createItemLoader(table), placement.id))?.lifecycle?.status).toBe(
      'RUNNING',
    );
    const restart = await lifecycle.engine
      .startExecution(name, executionInputOf(placement))
      .catch((error: unknown) => error);
    expect(restart).toBeInstanceOf(ExecutionNameTakenError);
  });

  it('times out, by itself, an execution whose year passes on a sped-up clock while it waits', async () => {
    // Prepare: a year in three seconds; an execution that waits two years. (A lifecycle's own
    // executions never wait that long: each hands over to the next before 200 days.)
    const table = await createTestTable();
    const clock = new ScaledLifecycleClock(MAX_EXECUTION_MS / 3_000);
    const lifecycle = await lifecycleOn({ table, clock, definition: waitsTwoYearsOf(clock) });
    const name = 'waits-two-years';
    // Act
    const startedAt = Date.now();
    await lifecycle.engine.startExecution(name, { placementId: 'none', round: 1 });
    await eventually(
      async () => (await lifecycle.engine.describeExecution(name))?.status !== 'RUNNING',
      'the execution to end',
      15_000,
    );
    const endedAfterMs = Date.now() - startedAt;
    // Assess
    expect(await lifecycle.engine.describeExecution(name)).toMatchObject({ status: 'TIMED_OUT' });
    expect(lifecycle.engine.inspect(name)?.history).toContain('WaitTwoYears');
    expect(endedAfterMs).toBeGreaterThanOrEqual(2_900);
  });

  it('fails the execution when its task keeps failing past the Retry of the definition, waiting IntervalSeconds × BackoffRate^n real seconds between the calls whatever the clock', async () => {
    // Prepare: the task function's DynamoDB throttled without end; a day of lifecycle time in
    // 0.1 s; the retry waits divided by 10 so the test takes seconds, not the definition's 35
    const stored = await createTestTable();
    const table = new Table(
      createDynamoClient(proxy.url, {
        maxAttempts: 1,
        connectionTimeoutMs: 1_000,
        requestTimeoutMs: 5_000,
      }),
      stored.name,
    );
    const divisor = 10;
    const lifecycle = await lifecycleOn({
      table,
      clock: new ScaledLifecycleClock(864_000),
      retryIntervalDivisor: divisor,
    });
    const placement = await givenRunningLifecycle(stored);
    const name = executionOf(placement);
    const calls: number[] = [];
    proxy.setRules([{ kind: 'throttled', rate: 1 }]);
    proxy.resetCounts();
    proxy.enable();
    const watching = setInterval(() => {
      const seen = proxy.counts('BatchGetItem').throttled;
      while (calls.length < seen) calls.push(Date.now());
    }, 5);
    // Act
    await lifecycle.engine.startExecution(name, executionInputOf(placement));
    await eventually(
      async () => (await lifecycle.engine.describeExecution(name))?.status !== 'RUNNING',
      'the execution to end',
      20_000,
    );
    clearInterval(watching);
    proxy.disable();
    const afterwards = await resumeLifecycles(table, lifecycle.engine);
    // Assess: one call and MaxAttempts retries, the waits between them growing by BackoffRate
    const states = placementLifecycleDefinition(LOCAL_TASK_FUNCTION_ARN).States as Record<
      string,
      { Retry?: Retrier[] }
    >;
    const retrier = states.CheckIn_Plan?.Retry?.find((r) =>
      r.ErrorEquals.includes('States.TaskFailed'),
    );
    const { IntervalSeconds = 1, BackoffRate = 2, MaxAttempts = 3 } = retrier ?? {};
    expect(retrier).toBeDefined();
    expect(proxy.counts('BatchGetItem').throttled).toBe(1 + MaxAttempts);
    const gaps = calls.slice(1).map((at, n) => at - (calls[n] as number));
    gaps.forEach((gap, n) => {
      const expected = ((IntervalSeconds * BackoffRate ** n) / divisor) * 1000;
      expect(gap).toBeGreaterThanOrEqual(expected - 20);
      expect(gap).toBeLessThan(expected + 1_000);
    });
    expect(await lifecycle.engine.describeExecution(name)).toMatchObject({ status: 'FAILED' });
    expect(lifecycle.engine.inspect(name)?.error).toMatch(/busy/);
    expect((await loadPlacement(createItemLoader(stored), placement.id))?.lifecycle?.status).toBe(
      'RUNNING',
    );
    expect(afterwards).toEqual({ resumed: 0, unattended: [placement.id] });
  });
});
