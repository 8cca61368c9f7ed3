import type { Table } from '#kernel/table/table';
import type { SelfAssessment } from '#people/domain/self-assessment';
import { currentSelfAssessmentVersion } from '#people/domain/self-assessment-items';
import { SelfAssessmentEntity } from '#people/repository/self-assessment-entity';
import type { ParticipantTask } from '#placements/domain/participant-task';
import { ParticipantTaskEntity } from '#placements/repository/participant-task-entity';
import { fixtureId } from './fixture-id.ts';
import { aParticipantTask } from './participant-task-factories.ts';
import { ROSKILDE } from './people-factories.ts';

/** Every current item scored the same. */
export function allScored(score: number): Record<string, number> {
  return Object.fromEntries(currentSelfAssessmentVersion().items.map(({ key }) => [key, score]));
}

/** A young person's enrolment self-assessment, every item scored 2. */
export function aSelfAssessment(
  youthId: string,
  overrides: Partial<SelfAssessment> = {},
): SelfAssessment {
  return {
    youthId,
    municipalityCode: ROSKILDE,
    occasionKey: 'ENROLMENT',
    occasion: 'ENROLMENT',
    taskId: null,
    placementId: null,
    itemsVersion: currentSelfAssessmentVersion().version,
    scores: allScored(2),
    date: '2026-09-01',
    recordedAt: '2026-09-01T09:00:00.000Z',
    ...overrides,
  };
}

/** Stores a self-assessment in the young person's item collection. */
export async function givenSelfAssessment(
  table: Table,
  youthId: string,
  overrides: Partial<SelfAssessment> = {},
): Promise<SelfAssessment> {
  const assessment = aSelfAssessment(youthId, overrides);
  await table.put(SelfAssessmentEntity.toItem(assessment));
  return assessment;
}

/** What a participant task holds that people may rely on (`sharedKeys.participantTask`). */
export interface ParticipantTaskFixture {
  kind: string;
  occasion: string;
  placementId: string;
  assignee: string;
  openedAt: string;
}

/**
 * A participant task as the placements subgraph keeps it (its own entity, so that its art. 15
 * export and erasure read it as they read the lifecycle's), varied only in what the shared key
 * promises people: by default a young person's self-assessment at a checkpoint.
 */
export async function givenParticipantTask(
  table: Table,
  youthId: string,
  overrides: Partial<ParticipantTaskFixture> & { taskId?: string } = {},
): Promise<string> {
  const { taskId = fixtureId('task'), ...task } = overrides;
  const placementId = task.placementId ?? `p-${youthId}`;
  await table.put(
    ParticipantTaskEntity.toItem(
      aParticipantTask({
        id: taskId,
        youthId,
        placementId,
        openedAt: '2026-11-20T08:00:00.000Z',
        ...(task as Partial<ParticipantTask>),
      }),
    ),
  );
  return taskId;
}

/** A valid `RecordSelfAssessmentInput`: every current item scored `score` (3 by default). */
export function recordSelfAssessmentInput(
  youthId: string,
  overrides: Record<string, unknown> = {},
  score = 3,
) {
  return {
    youthId,
    answers: Object.entries(allScored(score)).map(([itemKey, value]) => ({
      itemKey,
      score: value,
    })),
    ...overrides,
  };
}
