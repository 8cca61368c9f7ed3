import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalLifecycle, startLocalLifecycle } from '#infra/local/lifecycle/local-lifecycle';
import { copyTableAsOfNow } from '#infra/local/point-in-time-copy';
import { runCommand } from '#kernel/command';
import { createItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import { type LifecycleStep, lifecycleExecutionName } from '#placements/domain/lifecycle';
import { completePlacementCheckpointCommand } from '#placements/domain/lifecycle-commands';
import type { Placement } from '#placements/domain/placement';
import { listTasksOfPlacement } from '#placements/repository/lifecycle-task-repository';
import { loadPlacement } from '#placements/repository/placement-repository';
import { testContext } from '../support/context.ts';
import { staffIdentity } from '../support/identities.ts';
import { eventually, ManualLifecycleClock } from '../support/lifecycle-harness.ts';
import { executionInputOf, givenRunningLifecycle } from '../support/running-lifecycle.ts';
import { createTestTable } from '../support/table.ts';

/**
 * After a point-in-time restore the executions have gone on where the restored records have
 * not: a check-in completed after the restore point moved its execution on to the midway
 * evaluation, while the restored record still holds the check-in open. The reconciler, told
 * when the restored table went into service, stops such executions and restarts each lifecycle
 * at the step its record holds, which reopens the task; a second pass does nothing.
 */
describe('lifecycles after a restore', () => {
  let live: Table;
  let clock: ManualLifecycleClock;
  let lifecycle: LocalLifecycle;

  const stored = async (table: Table, placementId: string) =>
    (await loadPlacement(createItemLoader(table), placementId)) as Placement;

  const openTask = async (table: Table, placementId: string, step: LifecycleStep) =>
    (await listTasksOfPlacement(table, placementId)).find(
      (task) => task.step === step && task.status === 'OPEN',
    );

  beforeAll(async () => {
    live = await createTestTable();
    clock = new ManualLifecycleClock('2026-11-10');
    // A step that lost a race with the consultant is retried in milliseconds, not the definition's seconds.
    lifecycle = await startLocalLifecycle({ table: live, clock, retryIntervalDivisor: 1000 });
  });

  afterAll(async () => {
    await lifecycle?.stop();
  });

  it('stops an execution ahead of its restored record and restarts it at the step the record holds, reopening the task', async () => {
    // Prepare: a lifecycle waiting on its check-in, the moment copied, then the check-in done
    const placement = await givenRunningLifecycle(live);
    const first = placement.lifecycle.executionId;
    await lifecycle.engine.startExecution(first, executionInputOf(placement));
    await eventually(() => lifecycle.engine.isWaitingOn(first, 'CHECK_IN'), 'check-in open');
    const restored = await copyTableAsOfNow(live, `${live.name}-restored`);
    const checkIn = await openTask(live, placement.id, 'CHECK_IN');
    await runCommand(
      testContext(live, staffIdentity('265'), new Date(clock.now())),
      completePlacementCheckpointCommand,
      {
        placementId: placement.id,
        step: 'CHECK_IN',
        completedOn: clock.today(),
        expectedVersion: checkIn?.version ?? 0,
      },
    );
    await eventually(
      () => lifecycle.engine.isWaitingOn(first, 'MIDWAY_EVALUATION'),
      'the execution moved on to the midway evaluation',
    );
    lifecycle.useTable(restored);
    // The restored table goes into service the night after the moment it was copied at.
    const inService = '2026-11-11T00:00:00.000Z';
    clock.set('2026-11-11');
    // Act
    const plain = await lifecycle.reconcile();
    const report = await lifecycle.reconcile({ executionsStartedBefore: inService });
    const again = await lifecycle.reconcile({ executionsStartedBefore: inService });
    // Assess
    const next = lifecycleExecutionName(placement.id, 1);
    expect(plain.restarted).toEqual([]);
    expect(report.restarted).toEqual([
      { placementId: placement.id, from: first, found: 'RUNNING', to: next, started: true },
    ]);
    expect(again.restarted).toEqual([]);
    expect((await lifecycle.engine.describeExecution(first))?.status).toBe('ABORTED');
    await eventually(() => lifecycle.engine.isWaitingOn(next, 'CHECK_IN'), 'check-in reopened');
    expect((await stored(restored, placement.id)).lifecycle).toMatchObject({
      status: 'RUNNING',
      step: 'CHECK_IN',
      executionId: next,
      restarts: 1,
    });
    expect((await listTasksOfPlacement(restored, placement.id)).map((t) => t.step)).toEqual([
      'CHECK_IN',
    ]);
    expect(await openTask(restored, placement.id, 'CHECK_IN')).toBeDefined();
    expect(await openTask(live, placement.id, 'CHECK_IN')).toBeUndefined();
  });
});
