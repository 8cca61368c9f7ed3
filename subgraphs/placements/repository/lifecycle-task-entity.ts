import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import {
  type LifecycleStep,
  type LifecycleTask,
  LifecycleTaskSchema,
} from '../domain/lifecycle.ts';

/** The sort key prefix of a placement's lifecycle tasks, in the placement's own partition. */
export const LIFECYCLE_TASK_SK_PREFIX = 'LIFECYCLE_TASK#';

/**
 * Primary key of the task of one step and round: in the placement's item collection, so that
 * the same step and round is always the same item (idempotent creation) and a placement's
 * tasks are one query.
 */
export function lifecycleTaskKey(placementId: string, step: LifecycleStep, round: number): ItemKey {
  return {
    pk: key(PREFIX.placement, placementId),
    sk: `${LIFECYCLE_TASK_SK_PREFIX}${step}#${String(round).padStart(3, '0')}`,
  };
}

/** Partition (gsi1) of a staff member's open lifecycle tasks, by due date. */
export function openTasksOfStaffPartition(staffId: string): string {
  return key(PREFIX.staff, staffId, 'LIFECYCLE_TASKS');
}

/** Partition (gsi2) of a municipality's open escalated lifecycle tasks, by due date. */
export function escalatedTasksPartition(municipalityCode: string): string {
  return key(PREFIX.municipality, municipalityCode, 'ESCALATED_LIFECYCLE_TASKS');
}

const sortKey = (task: LifecycleTask) => `${task.dueDate}#${task.id}`;

/**
 * A task of a placement's lifecycle. Only open tasks are in the listings (sparse indexes): the
 * assignee's list always, the team leader's list once escalated.
 */
export const LifecycleTaskEntity = defineEntity<LifecycleTask>({
  name: 'LifecycleTask',
  schema: LifecycleTaskSchema,
  key: (task) => lifecycleTaskKey(task.placementId, task.step, task.round),
  indexes: {
    gsi1: (task) =>
      task.status === 'OPEN'
        ? { pk: openTasksOfStaffPartition(task.assigneeStaffId), sk: sortKey(task) }
        : undefined,
    gsi2: (task) =>
      task.status === 'OPEN' && task.escalations > 0
        ? { pk: escalatedTasksPartition(task.municipalityCode), sk: sortKey(task) }
        : undefined,
  },
});
