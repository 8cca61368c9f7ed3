import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalLifecycle, startLocalLifecycle } from '#infra/local/lifecycle/local-lifecycle';
import { runCommand } from '#kernel/command';
import { createItemLoader } from '#kernel/entity-loader';
import { logger } from '#kernel/logger';
import type { Table } from '#kernel/table/table';
import {
  type LifecycleStep,
  lifecycleExecutionName,
  lifecycleExecutionRun,
} from '#placements/domain/lifecycle';
import { startPlacementLifecycleCommand } from '#placements/domain/lifecycle-commands';
import type { LifecycleEngine } from '#placements/domain/lifecycle-engine';
import type { Placement } from '#placements/domain/placement';
import { reconcileLifecycles } from '#placements/reconciler/reconcile-lifecycles';
import { listTasksOfPlacement } from '#placements/repository/lifecycle-task-repository';
import { loadPlacement } from '#placements/repository/placement-repository';
import { testContext } from '../support/context.ts';
import { captureEmf } from '../support/emf.ts';
import { staffIdentity } from '../support/identities.ts';
import { eventually, ManualLifecycleClock } from '../support/lifecycle-harness.ts';
import { givenPlacements } from '../support/placements-factories.ts';
import { executionInputOf, givenRunningLifecycle } from '../support/running-lifecycle.ts';
import { createTestTable } from '../support/table.ts';
import { UnreliableEngine } from '../support/unreliable-engine.ts';

/**
 * The lifecycle reconciler against the local engine (which keeps execution names and ends
 * executions as Step Functions does): one pass restarts every lifecycle recorded RUNNING whose
 * execution stopped, at the step its record holds, under the next name — the record written
 * first — and leaves running ones alone; a second pass finds nothing to do.
 */
describe('the lifecycle reconciler', () => {
  let table: Table;
  let clock: ManualLifecycleClock;
  let lifecycle: LocalLifecycle;
  const engine = () => lifecycle.engine;

  /** One reconciler pass with an engine (the local one unless told). */
  const pass = (through: LifecycleEngine = engine()) =>
    reconcileLifecycles({ table, engine: through, logger });

  /** Whether an execution is one of the placement's (by its name). */
  const isExecutionOf = (placement: Placement, name: string) =>
    lifecycleExecutionRun(placement.id, name) !== undefined;

  const stored = async (placementId: string) =>
    (await loadPlacement(createItemLoader(table), placementId)) as Placement;

  /** Whether the execution the record names runs and waits for a person on a step. */
  const waitingOn = (placementId: string, step: LifecycleStep) =>
    eventually(
      async () =>
        engine().isWaitingOn((await stored(placementId)).lifecycle?.executionId ?? '', step),
      `${placementId} waiting on ${step} under the execution its record names`,
    );

  /** Starts the execution the record names and waits until it waits on its step. */
  async function running(placement: Placement & { lifecycle: { step: LifecycleStep } }) {
    const name = placement.lifecycle.executionId;
    await engine().startExecution(name, executionInputOf(placement));
    await waitingOn(placement.id, placement.lifecycle.step);
  }

  beforeAll(async () => {
    table = await createTestTable();
    // Every step of the placements below has opened by then: each execution waits on a person.
    clock = new ManualLifecycleClock('2026-11-10');
    // A task that fails is retried in milliseconds rather than the definition's 35 s.
    lifecycle = await startLocalLifecycle({ table, clock, retryIntervalDivisor: 1000 });
  });

  afterAll(async () => {
    await lifecycle?.stop();
  });

  it('restarts each lifecycle whose execution is missing, stopped, failed or succeeded at the step its record holds, under the next name, and leaves a running one alone', async () => {
    // Prepare
    const healthy = await givenRunningLifecycle(table);
    await running(healthy);
    const neverStarted = await givenRunningLifecycle(table);
    const atMidway = await givenRunningLifecycle(table);
    const [stopped] = await givenPlacements(table, [
      { ...atMidway, lifecycle: { ...atMidway.lifecycle, step: 'MIDWAY_EVALUATION' } },
    ]);
    await running(stopped as typeof atMidway);
    await engine().stopExecution(atMidway.lifecycle.executionId);
    const failed = await givenRunningLifecycle(table);
    // A task that fails past its retries: the handler refuses round 0 every time.
    await engine().startExecution(failed.lifecycle.executionId, {
      placementId: failed.id,
      round: 0,
    });
    const succeeded = await givenRunningLifecycle(table);
    await givenPlacements(table, [
      { ...succeeded, lifecycle: { ...succeeded.lifecycle, status: 'ENDED' } },
    ]);
    await engine().startExecution(succeeded.lifecycle.executionId, executionInputOf(succeeded));
    await eventually(
      async () =>
        (await engine().describeExecution(succeeded.lifecycle.executionId))?.status ===
          'SUCCEEDED' &&
        (await engine().describeExecution(failed.lifecycle.executionId))?.status === 'FAILED',
      'one execution succeeded and one failed',
    );
    await givenPlacements(table, [succeeded]);
    const emf = captureEmf();
    // Act
    const report = await pass();
    emf.restore();
    // Assess
    expect(emf.metric('LifecyclesRepaired')).toEqual([
      expect.objectContaining({ namespace: 'NEXTWORK', value: 4 }),
    ]);
    const byPlacement = (p: { placementId: string }) => p.placementId;
    expect(
      [...report.restarted].sort((a, b) => byPlacement(a).localeCompare(byPlacement(b))),
    ).toEqual(
      [
        [neverStarted, 'MISSING'],
        [atMidway, 'ABORTED'],
        [failed, 'FAILED'],
        [succeeded, 'SUCCEEDED'],
      ]
        .map(([placement, found]) => {
          const { id } = placement as Placement;
          return {
            placementId: id,
            from: lifecycleExecutionName(id),
            found,
            to: lifecycleExecutionName(id, 1),
            started: true,
          };
        })
        .sort((a, b) => byPlacement(a).localeCompare(byPlacement(b))),
    );
    expect(report.checked).toBe(5);
    expect(report.failed).toEqual([]);
    for (const placement of [neverStarted, failed, succeeded])
      await waitingOn(placement.id, 'CHECK_IN');
    await waitingOn(atMidway.id, 'MIDWAY_EVALUATION');
    for (const placement of [neverStarted, atMidway, failed, succeeded]) {
      expect((await stored(placement.id)).lifecycle).toMatchObject({
        status: 'RUNNING',
        executionId: lifecycleExecutionName(placement.id, 1),
        restarts: 1,
      });
    }
    expect((await stored(healthy.id)).lifecycle).toEqual(healthy.lifecycle);
    expect(engine().isWaitingOn(healthy.lifecycle.executionId, 'CHECK_IN')).toBe(true);
    // One task per step, and one running execution per placement: nothing ran twice.
    expect((await listTasksOfPlacement(table, atMidway.id)).map((t) => t.step)).toEqual([
      'MIDWAY_EVALUATION',
    ]);
    const runningNames = engine().runningExecutions();
    for (const placement of [healthy, neverStarted, atMidway, failed, succeeded]) {
      expect(runningNames.filter((name) => isExecutionOf(placement, name))).toHaveLength(1);
    }
  });

  it('is idempotent: the next pass finds every lifecycle running and restarts nothing', async () => {
    // Prepare
    const placement = await givenRunningLifecycle(table);
    await pass();
    await waitingOn(placement.id, 'CHECK_IN');
    const before = await stored(placement.id);
    const emf = captureEmf();
    // Act
    const report = await pass();
    emf.restore();
    // Assess
    expect(report.restarted).toEqual([]);
    expect(emf.metric('LifecyclesRepaired')).toEqual([]);
    expect(report.checked).toBeGreaterThan(0);
    expect(await stored(placement.id)).toEqual(before);
  });

  it('repairs a start that failed after the placement was committed, and a restart whose own start failed, in the next pass', async () => {
    // Prepare: the lifecycle is started, and Step Functions refuses the start
    const placement = await givenRunningLifecycle(table);
    await givenPlacements(table, [{ ...placement, lifecycle: null }]);
    const unreliable = new UnreliableEngine(engine());
    unreliable.failNextStarts(2);
    const staff = testContext(table, staffIdentity('265'), new Date(clock.now()), {
      workflows: unreliable,
    });
    await runCommand(staff, startPlacementLifecycleCommand, {
      placementId: placement.id,
      expectedVersion: placement.version,
    });
    // Act: a pass whose start fails too, then another
    const first = await pass(unreliable);
    const second = await pass(unreliable);
    // Assess
    const mine = (report: typeof first) =>
      report.restarted.filter((restart) => restart.placementId === placement.id);
    expect(mine(first)).toEqual([
      {
        placementId: placement.id,
        from: lifecycleExecutionName(placement.id),
        found: 'MISSING',
        to: lifecycleExecutionName(placement.id, 1),
        started: false,
      },
    ]);
    expect(mine(second)).toEqual([
      {
        placementId: placement.id,
        from: lifecycleExecutionName(placement.id, 1),
        found: 'MISSING',
        to: lifecycleExecutionName(placement.id, 2),
        started: true,
      },
    ]);
    await waitingOn(placement.id, 'CHECK_IN');
    expect((await stored(placement.id)).lifecycle).toMatchObject({
      executionId: lifecycleExecutionName(placement.id, 2),
      restarts: 2,
      step: 'CHECK_IN',
    });
    expect(unreliable.startsAsked.filter((name) => isExecutionOf(placement, name))).toEqual([
      lifecycleExecutionName(placement.id),
      lifecycleExecutionName(placement.id, 1),
      lifecycleExecutionName(placement.id, 2),
    ]);
  });

  it('leaves a running lifecycle whose execution stopped to the reconciler when it is started again: nothing starts, the placement is answered as it is', async () => {
    // Prepare
    const placement = await givenRunningLifecycle(table);
    const watching = new UnreliableEngine(engine());
    const staff = testContext(table, staffIdentity('265'), new Date(clock.now()), {
      workflows: watching,
    });
    // Act
    const answered = await runCommand(staff, startPlacementLifecycleCommand, {
      placementId: placement.id,
      expectedVersion: placement.version,
    });
    const afterStart = await stored(placement.id);
    const report = await pass();
    // Assess
    expect(answered).toMatchObject({ id: placement.id, version: placement.version });
    expect(watching.startsAsked).toEqual([]);
    expect(afterStart.lifecycle).toEqual(placement.lifecycle);
    expect(report.restarted.map((r) => r.placementId)).toContain(placement.id);
    await waitingOn(placement.id, 'CHECK_IN');
  });

  it('passes over a name Step Functions still keeps for the one after', async () => {
    // Prepare: the next name was used by another execution (it ended, its name kept 90 days)
    const placement = await givenRunningLifecycle(table);
    const taken = lifecycleExecutionName(placement.id, 1);
    await engine().startExecution(taken, { placementId: 'gone', round: 1 });
    await eventually(
      async () => (await engine().describeExecution(taken))?.status === 'SUCCEEDED',
      'the other execution to end',
    );
    // Act
    const report = await pass();
    // Assess
    expect(report.restarted.find((r) => r.placementId === placement.id)?.to).toBe(
      lifecycleExecutionName(placement.id, 2),
    );
    await waitingOn(placement.id, 'CHECK_IN');
    expect((await stored(placement.id)).lifecycle).toMatchObject({
      executionId: lifecycleExecutionName(placement.id, 2),
      restarts: 1,
    });
  });

  it('runs by itself in the local stack every reconcileEverySeconds (LIFECYCLE_RECONCILE_SECONDS under npm start)', async () => {
    // Prepare: a lifecycle left without an execution while the stack was down
    const ownTable = await createTestTable();
    const placement = await givenRunningLifecycle(ownTable);
    // Act
    const timed = await startLocalLifecycle({ table: ownTable, clock, reconcileEverySeconds: 1 });
    try {
      const restartedTo = await eventually(
        async () => {
          const lifecycleNow = (await loadPlacement(createItemLoader(ownTable), placement.id))
            ?.lifecycle;
          return lifecycleNow?.restarts === 1 &&
            timed.engine.isWaitingOn(lifecycleNow.executionId, 'CHECK_IN')
            ? lifecycleNow.executionId
            : undefined;
        },
        'the timer to restart the lifecycle',
        5_000,
      );
      // Assess
      expect(timed.unattended).toEqual([placement.id]);
      expect(restartedTo).toBe(lifecycleExecutionName(placement.id, 1));
    } finally {
      await timed.stop();
    }
  });
});
