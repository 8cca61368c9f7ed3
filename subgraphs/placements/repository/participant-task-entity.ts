import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import { type ParticipantTask, ParticipantTaskSchema } from '../domain/participant-task.ts';

/** The sort key prefix of a young person's participant tasks, in their own item collection. */
export const PARTICIPANT_TASK_SK_PREFIX = 'PTASK#';

/** Primary key of a participant task (`sharedKeys.participantTask`, people reads it). */
export function participantTaskKey(youthId: string, taskId: string): ItemKey {
  return sharedKeys.participantTask(youthId, taskId);
}

/** Partition (gsi1) of a company's open feedback tasks, by due date. */
export function openTasksOfCompanyPartition(companyId: string): string {
  return key(PREFIX.company, companyId, 'PARTICIPANT_TASKS');
}

/**
 * A participant task. It lives in the young person's item collection, so their erasure and
 * their art. 15 export find it with the rest of them; a company's open feedback tasks are also
 * listed on gsi1 (sparse: only while open) for its contacts.
 */
export const ParticipantTaskEntity = defineEntity<ParticipantTask>({
  name: 'ParticipantTask',
  schema: ParticipantTaskSchema,
  key: (task) => participantTaskKey(task.youthId, task.id),
  indexes: {
    gsi1: (task) =>
      task.assignee === 'COMPANY' && task.status === 'OPEN'
        ? { pk: openTasksOfCompanyPartition(task.companyId), sk: `${task.dueDate}#${task.id}` }
        : undefined,
  },
});
