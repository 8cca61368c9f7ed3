import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import {
  feedbackTaskId,
  type ParticipantTask,
  selfAssessmentTaskId,
} from '#placements/domain/participant-task';
import { ParticipantTaskEntity } from '#placements/repository/participant-task-entity';

/**
 * The participant tasks' fixtures (`tests/README.md`): `aParticipantTask()` and
 * `aFeedbackTask()` domain values, `givenParticipantTasks()` stored through the entity,
 * `givenSelfAssessmentAnswer()` the people subgraph's answer as the shared key promises it,
 * and `givePlacementFeedbackInput()` a valid mutation input.
 */

/** A self-assessment task of a placement's check-in, open. */
export function aParticipantTask(overrides: Partial<ParticipantTask> = {}): ParticipantTask {
  const placementId = overrides.placementId ?? 'p-1';
  return {
    id: selfAssessmentTaskId(placementId, 'CHECK_IN', 1),
    youthId: 'y-1',
    companyId: 'c-1',
    municipalityCode: '265',
    placementId,
    kind: 'SELF_ASSESSMENT',
    occasion: 'CHECKPOINT',
    assignee: 'YOUTH',
    step: 'CHECK_IN',
    round: 1,
    openedAt: '2026-10-12T00:00:00.000Z',
    dueDate: '2026-10-15',
    status: 'OPEN',
    doneAt: null,
    version: 1,
    ...overrides,
  };
}

/** A feedback task of a placement's midway evaluation for one side, open. */
export function aFeedbackTask(
  side: ParticipantTask['assignee'],
  overrides: Partial<ParticipantTask> = {},
): ParticipantTask {
  const placementId = overrides.placementId ?? 'p-1';
  const occasion = overrides.occasion ?? 'MIDWAY';
  return aParticipantTask({
    id: feedbackTaskId(placementId, occasion === 'END' ? 'END' : 'MIDWAY', side),
    kind: 'PLACEMENT_FEEDBACK',
    occasion,
    assignee: side,
    step: occasion === 'END' ? 'OUTCOME_DECISION' : 'MIDWAY_EVALUATION',
    dueDate: occasion === 'END' ? '2027-01-01' : '2026-11-12',
    openedAt: '2026-11-09T00:00:00.000Z',
    ...overrides,
    placementId,
  });
}

/** Stores participant tasks through their entity. */
export async function givenParticipantTasks(
  table: Table,
  ...tasks: ParticipantTask[]
): Promise<ParticipantTask[]> {
  await table.putMany(tasks.map(ParticipantTaskEntity.toItem));
  return tasks;
}

/**
 * The people subgraph's answer to a self-assessment task, as far as the shared key promises it:
 * its existence and `recordedAt`.
 */
export async function givenSelfAssessmentAnswer(
  table: Table,
  task: Pick<ParticipantTask, 'youthId' | 'id'>,
  recordedAt = '2026-10-14T09:00:00.000Z',
): Promise<void> {
  await table.putMany([
    { ...sharedKeys.selfAssessment(task.youthId, task.id), entity: 'SelfAssessment', recordedAt },
  ]);
}

/** A valid `givePlacementFeedback` input. */
export function givePlacementFeedbackInput(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    placementId: 'p-1',
    rating: 4,
    whatWorked: 'Gode kolleger og faste opgaver',
    whatToChange: 'Mere tid med mentoren',
    ...overrides,
  };
}
