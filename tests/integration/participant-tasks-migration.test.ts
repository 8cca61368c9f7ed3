import { beforeAll, describe, expect, it } from 'vitest';
import { requestLogger } from '#kernel/logger';
import type { Checkpoint, Position } from '#kernel/migrations/migration';
import type { Table } from '#kernel/table/table';
import { lifecycleExecutionName } from '#placements/domain/lifecycle';
import { LIFECYCLE_CONFIG } from '#placements/domain/lifecycle-config';
import { type LifecycleDeps, openStepTask } from '#placements/domain/lifecycle-progress';
import { openMissingParticipantTasks } from '#placements/migrations/0009-open-missing-participant-tasks';
import {
  ParticipantTaskEntity,
  participantTaskKey,
} from '#placements/repository/participant-task-entity';
import { listTasksOfYouth } from '#placements/repository/participant-task-repository';
import { ManualLifecycleClock } from '../support/lifecycle-harness.ts';
import { givenRunningLifecycle } from '../support/running-lifecycle.ts';
import { createTestTable } from '../support/table.ts';

function countingCheckpoint(
  resumeFrom?: Position,
): Checkpoint & { touched: number; positions: Position[] } {
  const checkpoint = {
    resumeFrom,
    touched: 0,
    positions: [] as Position[],
    async save(position: Position, itemsTouched: number) {
      checkpoint.positions.push(position);
      checkpoint.touched += itemsTouched;
    },
  };
  return checkpoint;
}

/**
 * Migration 0009: lifecycles already waiting on a step when participant tasks came have none for
 * that step. The table is written in the old shape: the team's task of the step open, and the
 * participant tasks the lifecycle now opens with it removed.
 */
describe('participant tasks opened for open lifecycle steps (migration 0009)', () => {
  let table: Table;
  let deps: LifecycleDeps;

  /** A running lifecycle waiting at its midway evaluation, written as before participant tasks. */
  async function givenOldShapeAtMidway(id: string) {
    const placement = await givenRunningLifecycle(table, { id });
    await openStepTask(
      deps,
      {
        placementId: placement.id,
        step: 'MIDWAY_EVALUATION',
        round: 1,
        execution: lifecycleExecutionName(placement.id),
      },
      `token-${id}`,
    );
    const tasks = await listTasksOfYouth(table, placement.youthId);
    await table.transact(
      tasks.map((task) => ({ delete: participantTaskKey(task.youthId, task.id) })),
    );
    return { placement, tasks };
  }

  beforeAll(async () => {
    table = await createTestTable();
    deps = {
      table,
      clock: new ManualLifecycleClock('2026-11-12'),
      config: LIFECYCLE_CONFIG,
      engine: null,
      logger: requestLogger('test'),
    };
  });

  it("opens the open step's participant tasks as the lifecycle would have, resumes after its checkpoint, and a second run changes nothing", async () => {
    // Prepare
    const first = await givenOldShapeAtMidway('p-mig-1');
    const second = await givenOldShapeAtMidway('p-mig-2');
    const third = await givenOldShapeAtMidway('p-mig-3');
    // The young person of the third answered their feedback before the run: kept as it is.
    const answered = third.tasks.find(
      (task) => task.kind === 'PLACEMENT_FEEDBACK' && task.assignee === 'YOUTH',
    );
    if (!answered) throw new Error('no feedback task');
    const done = { ...answered, status: 'DONE' as const, doneAt: '2026-11-12T09:00:00.000Z' };
    await table.put(ParticipantTaskEntity.toItem(done));
    // A run stopped after the first placement resumes after it.
    const resumed = countingCheckpoint({ placementId: first.placement.id });

    // Act
    await openMissingParticipantTasks.run(table, resumed);
    const afterResume = await listTasksOfYouth(table, first.placement.youthId);
    const full = countingCheckpoint();
    await openMissingParticipantTasks.run(table, full);
    const again = countingCheckpoint();
    await openMissingParticipantTasks.run(table, again);

    // Assess
    expect(afterResume).toEqual([]);
    expect(resumed.touched).toBe(5);
    expect(full.touched).toBe(3);
    expect(again.touched).toBe(0);
    expect(again.positions.at(-1)).toEqual({ placementId: third.placement.id });
    for (const { placement, tasks } of [first, second]) {
      expect(await listTasksOfYouth(table, placement.youthId)).toEqual(tasks);
    }
    const thirds = await listTasksOfYouth(table, third.placement.youthId);
    expect(thirds).toEqual(tasks(third.tasks, done));
  });
});

function tasks<T extends { id: string }>(all: readonly T[], replaced: T): T[] {
  return all.map((task) => (task.id === replaced.id ? replaced : task));
}
