import { beforeAll, describe, expect, it } from 'vitest';
import { createItemLoader } from '#kernel/entity-loader';
import { requestLogger } from '#kernel/logger';
import type { Table } from '#kernel/table/table';
import { lifecycleExecutionName } from '#placements/domain/lifecycle';
import { LIFECYCLE_CONFIG } from '#placements/domain/lifecycle-config';
import { type LifecycleDeps, openStepTask } from '#placements/domain/lifecycle-progress';
import { lifecycleTaskKey } from '#placements/repository/lifecycle-task-entity';
import {
  listParticipantTasksOfPlacement,
  listTasksOfYouth,
} from '#placements/repository/participant-task-repository';
import { PlacementEntity } from '#placements/repository/placement-entity';
import { loadPlacement } from '#placements/repository/placement-repository';
import { ManualLifecycleClock } from '../support/lifecycle-harness.ts';
import { givenRunningLifecycle } from '../support/running-lifecycle.ts';
import { createTestTable } from '../support/table.ts';

/**
 * The participants' tasks open with the team's task of a lifecycle step, in its transaction:
 * a self-assessment at each checkpoint and follow-up, feedback from both sides at the midway
 * evaluation and the outcome decision. A retried step, a relaunched execution and a table
 * restored without the team's task open no second one.
 */
describe('participant tasks opened by the lifecycle', () => {
  let table: Table;
  let deps: LifecycleDeps;

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

  const call = (
    placementId: string,
    step: 'CHECK_IN' | 'MIDWAY_EVALUATION' | 'OUTCOME_DECISION',
  ) => ({
    placementId,
    step,
    round: 1,
    execution: lifecycleExecutionName(placementId),
  });

  const kinds = (tasks: ReadonlyArray<{ kind: string; occasion: string; assignee: string }>) =>
    tasks.map((t) => `${t.kind}/${t.occasion}/${t.assignee}`).sort();

  it('opens a self-assessment at the check-in, and self-assessment and feedback from both sides at the midway evaluation', async () => {
    // Prepare
    const placement = await givenRunningLifecycle(table);

    // Act
    await openStepTask(deps, call(placement.id, 'CHECK_IN'), 'token-1');
    await openStepTask(deps, call(placement.id, 'MIDWAY_EVALUATION'), 'token-2');

    // Assess
    const tasks = await listParticipantTasksOfPlacement(table, placement);
    expect(kinds(tasks)).toEqual([
      'PLACEMENT_FEEDBACK/MIDWAY/COMPANY',
      'PLACEMENT_FEEDBACK/MIDWAY/YOUTH',
      'SELF_ASSESSMENT/CHECKPOINT/YOUTH',
      'SELF_ASSESSMENT/CHECKPOINT/YOUTH',
    ]);
    expect(tasks.every((t) => t.status === 'OPEN' && t.youthId === placement.youthId)).toBe(true);
    const midway = tasks.filter((t) => t.step === 'MIDWAY_EVALUATION');
    expect(new Set(midway.map((t) => t.dueDate))).toEqual(new Set(['2026-11-12']));
  });

  it('opens feedback from both sides at the end, and no self-assessment there', async () => {
    // Prepare
    const placement = await givenRunningLifecycle(table);

    // Act
    await openStepTask(deps, call(placement.id, 'OUTCOME_DECISION'), 'token-1');

    // Assess
    expect(kinds(await listParticipantTasksOfPlacement(table, placement))).toEqual([
      'PLACEMENT_FEEDBACK/END/COMPANY',
      'PLACEMENT_FEEDBACK/END/YOUTH',
    ]);
  });

  it('opens each task once when the step is retried with a new token', async () => {
    // Prepare
    const placement = await givenRunningLifecycle(table);
    await openStepTask(deps, call(placement.id, 'MIDWAY_EVALUATION'), 'token-1');

    // Act
    await openStepTask(deps, call(placement.id, 'MIDWAY_EVALUATION'), 'token-2');
    await openStepTask(deps, call(placement.id, 'MIDWAY_EVALUATION'), 'token-2');

    // Assess
    expect(await listTasksOfYouth(table, placement.youthId)).toHaveLength(3);
  });

  it('opens no second task when a relaunched execution opens the step again', async () => {
    // Prepare
    const placement = await givenRunningLifecycle(table);
    await openStepTask(deps, call(placement.id, 'MIDWAY_EVALUATION'), 'token-1');
    const before = await listTasksOfYouth(table, placement.youthId);
    const stored = await loadPlacement(createItemLoader(table), placement.id);
    const relaunched = lifecycleExecutionName(placement.id, 1);
    if (!stored?.lifecycle) throw new Error('no lifecycle');
    await table.put(
      PlacementEntity.toItem({
        ...stored,
        lifecycle: { ...stored.lifecycle, executionId: relaunched },
        version: stored.version + 1,
      }),
    );

    // Act
    await openStepTask(
      deps,
      { ...call(placement.id, 'MIDWAY_EVALUATION'), execution: relaunched },
      'token-r1',
    );

    // Assess
    expect(await listTasksOfYouth(table, placement.youthId)).toEqual(before);
  });

  it('opens the team task again after a restore lost it, without a second participant task', async () => {
    // Prepare
    const placement = await givenRunningLifecycle(table);
    await openStepTask(deps, call(placement.id, 'MIDWAY_EVALUATION'), 'token-1');
    const before = await listTasksOfYouth(table, placement.youthId);
    await table.transact([{ delete: lifecycleTaskKey(placement.id, 'MIDWAY_EVALUATION', 1) }]);

    // Act
    const opened = await openStepTask(deps, call(placement.id, 'MIDWAY_EVALUATION'), 'token-2');

    // Assess
    expect(opened.waiting).toBe(true);
    expect(await listTasksOfYouth(table, placement.youthId)).toEqual(before);
  });
});
