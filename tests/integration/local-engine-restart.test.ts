import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readClockOffset } from '#infra/local/lifecycle/clock-file';
import { type LocalLifecycle, startLocalLifecycle } from '#infra/local/lifecycle/local-lifecycle';
import { ExecutionNameTakenError } from '#kernel/workflow-engine';
import { eventually, ManualLifecycleClock } from '../support/lifecycle-harness.ts';
import { givenPlacements } from '../support/placements-factories.ts';
import {
  executionInputOf,
  executionOf,
  givenRunningLifecycle,
} from '../support/running-lifecycle.ts';
import { createTestTable } from '../support/table.ts';

/**
 * A stop and start of the local stack, as Step Functions would see it: nothing. Executions
 * that were running go on under their own names, at the step their placements record; the
 * names and ends of the others are remembered; lifecycles without a running execution are
 * left for the reconciler rather than started afresh.
 */
describe('the local engine across a restart of the local stack', () => {
  let second: LocalLifecycle | undefined;
  let killed: LocalLifecycle | undefined;

  afterAll(async () => {
    await second?.stop();
    await killed?.stop();
  });

  it('continues the running executions under their names at the recorded step, and restarts none of the others', async () => {
    // Prepare: four lifecycles recorded RUNNING on their placements
    const table = await createTestTable();
    const dataDir = await mkdtemp(join(tmpdir(), 'nextwork-engine-restart-'));
    const clock = new ManualLifecycleClock('2026-10-12');
    const first = await startLocalLifecycle({ table, clock, dataDir });
    const [moving, stopped, unstarted, ending] = [
      await givenRunningLifecycle(table),
      await givenRunningLifecycle(table),
      await givenRunningLifecycle(table),
      await givenRunningLifecycle(table),
    ];
    for (const placement of [moving, stopped, ending]) {
      await first.engine.startExecution(executionOf(placement), executionInputOf(placement));
      await eventually(
        () => first.engine.isWaitingOn(executionOf(placement), 'CHECK_IN'),
        `${placement.id} waiting on its check-in`,
      );
    }
    // …one execution stopped behind its placement's back, one never started (its start failed
    // after the placement was committed)
    await first.engine.stopExecution(executionOf(stopped));
    await first.stop();
    // …and while the stack was down, one placement moved on to its midway evaluation and
    // another's lifecycle ended
    await givenPlacements(table, [
      { ...moving, lifecycle: { ...moving.lifecycle, step: 'MIDWAY_EVALUATION' } },
      {
        ...ending,
        status: 'INTERRUPTED',
        lifecycle: { ...ending.lifecycle, status: 'ENDED', endReason: 'INTERRUPTED' },
      },
    ]);
    clock.set('2026-11-09');
    // Act
    second = await startLocalLifecycle({ table, clock, dataDir });
    const engine = second.engine;
    await eventually(
      () => engine.isWaitingOn(executionOf(moving), 'MIDWAY_EVALUATION'),
      'the moved placement waiting on its midway evaluation',
    );
    await eventually(
      async () => (await engine.describeExecution(executionOf(ending)))?.status === 'SUCCEEDED',
      'the ended lifecycle’s execution to end',
    );
    const repeatedStart = await engine.startExecution(
      executionOf(moving),
      executionInputOf(moving),
    );
    const refusals = await Promise.all(
      [
        engine.startExecution(executionOf(moving), { placementId: moving.id, round: 2 }),
        engine.startExecution(executionOf(stopped), executionInputOf(stopped)),
      ].map((start) => start.catch((error: unknown) => error)),
    );
    // Assess
    expect(second.resumed).toBe(2);
    expect([...second.unattended].sort()).toEqual([stopped.id, unstarted.id].sort());
    expect(await engine.describeExecution(executionOf(moving))).toEqual({
      name: executionOf(moving),
      status: 'RUNNING',
      startedAt: '2026-10-12T12:00:00.000Z',
    });
    const continued = engine.inspect(executionOf(moving));
    expect(continued?.history.slice(0, 3)).toEqual(['Start', 'Resume', 'MidwayEvaluation_Plan']);
    expect(continued?.input).toEqual(executionInputOf(moving));
    expect(repeatedStart).toEqual({ executionId: executionOf(moving) });
    expect(refusals.every((refusal) => refusal instanceof ExecutionNameTakenError)).toBe(true);
    expect((await engine.describeExecution(executionOf(stopped)))?.status).toBe('ABORTED');
    expect(await engine.describeExecution(executionOf(unstarted))).toBeUndefined();
    expect(engine.runningExecutions()).toEqual([executionOf(moving)]);
  });

  it('keeps lifecycle time in the data folder while it runs, so a stack killed without a stop does not go back in time', async () => {
    // Prepare: a day of lifecycle time in 0.1 s
    const table = await createTestTable();
    const dataDir = await mkdtemp(join(tmpdir(), 'nextwork-engine-clock-'));
    killed = await startLocalLifecycle({ table, scale: 864_000, dataDir });
    // Act: no stop, as a killed process would leave the folder
    const kept = await eventually(
      async () => (await readClockOffset(dataDir)) || undefined,
      'the clock offset kept',
      5_000,
    );
    // Assess
    expect(kept).toBeGreaterThan(86_400_000);
  });
});
