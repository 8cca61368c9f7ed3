import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Definition } from '#infra/local/lifecycle/local-definition';
import { type LocalLifecycle, startLocalLifecycle } from '#infra/local/lifecycle/local-lifecycle';
import { runCommand } from '#kernel/command';
import { createItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import { lifecycleExecutionName } from '#placements/domain/lifecycle';
import { completePlacementCheckpointCommand } from '#placements/domain/lifecycle-commands';
import { listTasksOfPlacement } from '#placements/repository/lifecycle-task-repository';
import { loadPlacement } from '#placements/repository/placement-repository';
import { testContext } from '../support/context.ts';
import { staffIdentity } from '../support/identities.ts';
import earlierDefinition from '../support/lifecycle-definition-v1.json' with { type: 'json' };
import { eventually, ManualLifecycleClock } from '../support/lifecycle-harness.ts';
import { givenPlacements } from '../support/placements-factories.ts';
import { executionInputOf, givenRunningLifecycle } from '../support/running-lifecycle.ts';
import { createTestTable } from '../support/table.ts';

/**
 * Executions run for months on the definition they were started with: an execution started on
 * the definition deployed before this one (`support/lifecycle-definition-v1.json`, frozen as it
 * was: its task events carry no execution name, its input is `{ placementId, round,
 * resumeAt? }`) goes on with today's task handler as it would have.
 */
describe('an execution started on the earlier lifecycle definition', () => {
  let table: Table;
  let clock: ManualLifecycleClock;
  let lifecycle: LocalLifecycle;

  beforeAll(async () => {
    table = await createTestTable();
    clock = new ManualLifecycleClock('2026-10-12');
    lifecycle = await startLocalLifecycle({
      table,
      clock,
      definition: earlierDefinition as unknown as Definition,
    });
  });

  afterAll(async () => {
    await lifecycle?.stop();
  });

  it('sends events without the execution name, and still opens its tasks and goes on when one is done', async () => {
    // Prepare
    const placement = await givenRunningLifecycle(table);
    const name = lifecycleExecutionName(placement.id);
    const engine = lifecycle.engine;
    const staff = testContext(
      table,
      staffIdentity('265', 'NETWORK_CONSULTANT', 'staff-265-1'),
      new Date(clock.now()),
      { workflows: engine },
    );
    await engine.startExecution(name, executionInputOf(placement));
    await eventually(() => engine.isWaitingOn(name, 'CHECK_IN'), 'waiting on the check-in');
    const [checkIn] = await listTasksOfPlacement(table, placement.id);
    // Act
    await runCommand(staff, completePlacementCheckpointCommand, {
      placementId: placement.id,
      step: 'CHECK_IN',
      completedOn: '2026-10-12',
      expectedVersion: checkIn?.version ?? 0,
    });
    clock.set('2026-11-09');
    await lifecycle.retime();
    await eventually(
      () => engine.isWaitingOn(name, 'MIDWAY_EVALUATION'),
      'waiting on the midway evaluation',
    );
    // Assess
    expect(JSON.stringify(earlierDefinition)).not.toContain('Execution.Name');
    const tasks = await listTasksOfPlacement(table, placement.id);
    expect(tasks.map((task) => [task.step, task.status])).toEqual([
      ['CHECK_IN', 'DONE'],
      ['MIDWAY_EVALUATION', 'OPEN'],
    ]);
    const stored = await loadPlacement(createItemLoader(table), placement.id);
    expect(stored?.lifecycle).toMatchObject({
      status: 'RUNNING',
      step: 'MIDWAY_EVALUATION',
      executionId: name,
    });
    expect(engine.inspect(name)?.status).toBe('RUNNING');
  });

  it('ends without a step when the record names an execution that took its lifecycle over', async () => {
    // Prepare: the lifecycle was restarted under the next name while this execution was gone
    const placement = await givenRunningLifecycle(table);
    const name = lifecycleExecutionName(placement.id);
    const successor = lifecycleExecutionName(placement.id, 1);
    await givenPlacements(table, [
      { ...placement, lifecycle: { ...placement.lifecycle, executionId: successor, restarts: 1 } },
    ]);
    const engine = lifecycle.engine;
    // Act
    await engine.startExecution(name, executionInputOf(placement));
    await eventually(
      () => engine.inspect(name)?.status === 'SUCCEEDED',
      'the replaced execution to end',
    );
    // Assess
    expect(engine.inspect(name)?.history).toEqual([
      'Start',
      'CheckIn_Plan',
      'CheckIn_Due',
      'Ended',
    ]);
    expect(await listTasksOfPlacement(table, placement.id)).toEqual([]);
    const stored = await loadPlacement(createItemLoader(table), placement.id);
    expect(stored?.lifecycle).toEqual({
      ...placement.lifecycle,
      executionId: successor,
      restarts: 1,
    });
    expect(stored?.version).toBe(placement.version);
  });
});
