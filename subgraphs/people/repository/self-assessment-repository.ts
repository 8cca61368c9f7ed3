import * as z from 'zod';
import type { ItemLoader } from '#kernel/entity-loader';
import { sharedKeys } from '#kernel/shared-keys';
import { itemMustExist } from '#kernel/table/expressions';
import type { Table, TransactAction } from '#kernel/table/table';
import { EntityIdSchema } from '#kernel/validation';
import type { SelfAssessment } from '../domain/self-assessment.ts';
import {
  municipalitySelfAssessmentPartition,
  SELF_ASSESSMENT_PREFIX,
  SelfAssessmentEntity,
} from './self-assessment-entity.ts';
import { youthKey } from './youth-entity.ts';

/** A young person's self-assessments, in key order: one query of their item collection. */
export function listSelfAssessments(table: Table, youthId: string): Promise<SelfAssessment[]> {
  return SelfAssessmentEntity.readAll(table, {
    partition: youthKey(youthId).pk,
    beginsWith: SELF_ASSESSMENT_PREFIX,
  });
}

/** The assessment of one occasion, read strongly consistent (a command deciding on it). */
export function readSelfAssessment(
  table: Table,
  youthId: string,
  occasionKey: string,
): Promise<SelfAssessment | undefined> {
  return SelfAssessmentEntity.read(table, sharedKeys.selfAssessment(youthId, occasionKey));
}

/** The assessments of one occasion of several young people through the request's loader. */
export function loadSelfAssessments(
  loader: ItemLoader,
  youthIds: readonly string[],
  occasionKey: string,
): Promise<Array<SelfAssessment | undefined>> {
  return SelfAssessmentEntity.load(
    loader,
    youthIds.map((youthId) => sharedKeys.selfAssessment(youthId, occasionKey)),
  );
}

/**
 * A municipality's self-assessments answered from `from` to `to` (both days included): one
 * query of its gsi1 partition, paged by the table until done.
 */
export function listMunicipalitySelfAssessments(
  table: Table,
  municipalityCode: string,
  from: string,
  to: string,
): Promise<SelfAssessment[]> {
  return SelfAssessmentEntity.readAll(table, {
    index: 'gsi1',
    partition: municipalitySelfAssessmentPartition(municipalityCode),
    // Every sort key of the last day begins with it and `#`, which sorts before any id.
    between: [from, `${to}#\uffff`],
  });
}

/**
 * What people may rely on of a participant task the placements subgraph keeps
 * (`sharedKeys.participantTask`): its kind, occasion, placement and assignee.
 */
const ParticipantTaskSchema = z.object({
  kind: z.string(),
  occasion: z.string(),
  placementId: EntityIdSchema,
  assignee: z.string(),
});

/** A participant task as people reads it. */
export type ParticipantTask = z.infer<typeof ParticipantTaskSchema>;

/**
 * One of the young person's participant tasks, read strongly consistent; undefined when the
 * young person has none with this id (another young person's task is in their collection, not
 * this one's) or the item is not a task people can read.
 */
export async function readParticipantTask(
  table: Table,
  youthId: string,
  taskId: string,
): Promise<ParticipantTask | undefined> {
  const item = await table.get(sharedKeys.participantTask(youthId, taskId));
  if (!item) return undefined;
  const task = ParticipantTaskSchema.safeParse(item);
  return task.success ? task.data : undefined;
}

/** A check, in a transaction, that the participant task (still) exists. */
export function participantTaskExists(youthId: string, taskId: string): TransactAction {
  return { check: sharedKeys.participantTask(youthId, taskId), condition: itemMustExist };
}
