import type { ItemLoader } from '#kernel/entity-loader';
import { key, PREFIX } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import {
  type ParticipantTask,
  type ParticipantTaskView,
  participantTaskIdPrefix,
} from '../domain/participant-task.ts';
import {
  openTasksOfCompanyPartition,
  PARTICIPANT_TASK_SK_PREFIX,
  ParticipantTaskEntity,
  participantTaskKey,
} from './participant-task-entity.ts';

/** Participant tasks by id, through the request's loader (one batch); undefined where none. */
export function loadParticipantTasks(
  loader: ItemLoader,
  youthId: string,
  taskIds: readonly string[],
): Promise<Array<ParticipantTask | undefined>> {
  return ParticipantTaskEntity.load(
    loader,
    taskIds.map((id) => participantTaskKey(youthId, id)),
  );
}

/** Every participant task of a young person (one query of their collection: a few per placement). */
export function listTasksOfYouth(table: Table, youthId: string): Promise<ParticipantTask[]> {
  return ParticipantTaskEntity.readAll(table, {
    partition: key(PREFIX.youth, youthId),
    beginsWith: PARTICIPANT_TASK_SK_PREFIX,
  });
}

/** Every participant task of one placement (one query of the young person's collection). */
export function listParticipantTasksOfPlacement(
  table: Table,
  placement: { id: string; youthId: string },
): Promise<ParticipantTask[]> {
  return ParticipantTaskEntity.readAll(table, {
    partition: key(PREFIX.youth, placement.youthId),
    beginsWith: `${PARTICIPANT_TASK_SK_PREFIX}${participantTaskIdPrefix(placement.id)}`,
  });
}

/** A company's open feedback tasks, earliest due first (one query of gsi1; a handful at a time). */
export function listOpenTasksOfCompany(
  table: Table,
  companyId: string,
): Promise<ParticipantTask[]> {
  return ParticipantTaskEntity.readAll(table, {
    index: 'gsi1',
    partition: openTasksOfCompanyPartition(companyId),
  });
}

/**
 * The tasks with whether each is done: feedback once given, a self-assessment once the people
 * subgraph holds the answer to it (`sharedKeys.selfAssessment`, its existence only), read in one
 * batch through the loader.
 *
 * @param loader - the request's loader
 * @param tasks - the tasks as stored
 */
export async function withDoneness(
  loader: ItemLoader,
  tasks: readonly ParticipantTask[],
): Promise<ParticipantTaskView[]> {
  const assessments = tasks.filter((task) => task.kind === 'SELF_ASSESSMENT');
  const answers = await loader.loadMany(
    assessments.map((task) => sharedKeys.selfAssessment(task.youthId, task.id)),
  );
  const answered = new Map<string, string | null>();
  assessments.forEach((task, i) => {
    const answer = answers[i];
    if (answer instanceof Error) throw answer;
    if (answer) {
      answered.set(task.id, typeof answer.recordedAt === 'string' ? answer.recordedAt : null);
    }
  });
  return tasks.map((task) => {
    if (task.kind !== 'SELF_ASSESSMENT') return { ...task, done: task.status === 'DONE' };
    const done = answered.has(task.id);
    return { ...task, done, doneAt: done ? (answered.get(task.id) ?? null) : null };
  });
}
