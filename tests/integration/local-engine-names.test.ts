import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalLifecycle, startLocalLifecycle } from '#infra/local/lifecycle/local-lifecycle';
import type { Table } from '#kernel/table/table';
import { ExecutionNameTakenError } from '#kernel/workflow-engine';
import { eventually, ManualLifecycleClock } from '../support/lifecycle-harness.ts';
import {
  executionInputOf,
  executionOf,
  givenRunningLifecycle,
} from '../support/running-lifecycle.ts';
import { createTestTable } from '../support/table.ts';

/**
 * Execution names as Step Functions keeps them, on the local engine: a name is used once, and
 * stays taken for 90 days (of lifecycle time) after its execution ended; a start of a name that
 * runs with the same input answers that execution. What `describeExecution` tells.
 */
describe('the local engine keeps execution names as Step Functions does', () => {
  let table: Table;
  let clock: ManualLifecycleClock;
  let lifecycle: LocalLifecycle;
  const engine = () => lifecycle.engine;

  async function refusal(start: Promise<unknown>): Promise<unknown> {
    return start.then(
      () => 'started',
      (error: unknown) => error,
    );
  }

  beforeAll(async () => {
    table = await createTestTable();
    clock = new ManualLifecycleClock('2026-10-12');
    lifecycle = await startLocalLifecycle({ table, clock });
  });

  afterAll(async () => {
    await lifecycle?.stop();
  });

  it('answers a repeated start of a running execution with that execution, and refuses the name with another input', async () => {
    // Prepare
    const placement = await givenRunningLifecycle(table);
    const name = executionOf(placement);
    const first = await engine().startExecution(name, executionInputOf(placement));
    await eventually(() => engine().isWaitingOn(name, 'CHECK_IN'), 'waiting on the check-in');
    // Act
    const again = await engine().startExecution(name, executionInputOf(placement));
    const otherInput = await refusal(
      engine().startExecution(name, { placementId: placement.id, round: 2 }),
    );
    // Assess
    expect(again).toEqual(first);
    expect(
      engine()
        .runningExecutions()
        .filter((running) => running === name),
    ).toHaveLength(1);
    expect(otherInput).toBeInstanceOf(ExecutionNameTakenError);
    expect(await engine().describeExecution(name)).toEqual({
      name,
      status: 'RUNNING',
      // Lifecycle-clock time: the local stack's "AWS time", not the wall clock's.
      startedAt: '2026-10-12T12:00:00.000Z',
    });
  });

  it('keeps the name of an ended execution — stopped or succeeded — for 90 days after its end, then frees it', async () => {
    // Prepare: one execution stopped, one that ends by itself (its placement is gone)
    const placement = await givenRunningLifecycle(table);
    const stopped = executionOf(placement);
    await engine().startExecution(stopped, executionInputOf(placement));
    await eventually(() => engine().isWaitingOn(stopped, 'CHECK_IN'), 'waiting on the check-in');
    await engine().stopExecution(stopped);
    const succeeded = 'placement-gone';
    const goneInput = { placementId: 'gone', round: 1 };
    await engine().startExecution(succeeded, goneInput);
    await eventually(
      async () => (await engine().describeExecution(succeeded))?.status === 'SUCCEEDED',
      'the execution of a placement that is gone to end',
    );
    // Act
    const stoppedAgain = await refusal(
      engine().startExecution(stopped, executionInputOf(placement)),
    );
    const succeededAgain = await refusal(engine().startExecution(succeeded, goneInput));
    clock.set('2027-01-09');
    const after89Days = await refusal(engine().startExecution(succeeded, goneInput));
    const stillStopped = await engine().describeExecution(stopped);
    clock.set('2027-01-11');
    const after91Days = await refusal(engine().startExecution(succeeded, goneInput));
    // Assess
    expect(stoppedAgain).toBeInstanceOf(ExecutionNameTakenError);
    expect(succeededAgain).toBeInstanceOf(ExecutionNameTakenError);
    expect(after89Days).toBeInstanceOf(ExecutionNameTakenError);
    expect(stillStopped?.status).toBe('ABORTED');
    expect(after91Days).toBe('started');
    expect((await engine().describeExecution(succeeded))?.startedAt).toBe(
      '2027-01-11T12:00:00.000Z',
    );
  });

  it('describes no execution for a name never used', async () => {
    // Act
    const described = await engine().describeExecution('placement-never-started');
    // Assess
    expect(described).toBeUndefined();
  });
});
