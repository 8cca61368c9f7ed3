import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item } from '#kernel/table/table';
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

/**
 * The stored item of a lifecycle task. Only open tasks are in the listings (sparse indexes):
 * the assignee's list always, the team leader's list once escalated.
 */
export function lifecycleTaskToItem(task: LifecycleTask): Item {
  const sortKey = `${task.dueDate}#${task.id}`;
  const open = task.status === 'OPEN';
  return {
    ...lifecycleTaskKey(task.placementId, task.step, task.round),
    entity: 'LifecycleTask',
    ...(open ? { gsi1pk: openTasksOfStaffPartition(task.assigneeStaffId), gsi1sk: sortKey } : {}),
    ...(open && task.escalations > 0
      ? { gsi2pk: escalatedTasksPartition(task.municipalityCode), gsi2sk: sortKey }
      : {}),
    ...task,
  };
}

/** A lifecycle task from its stored item. */
export function lifecycleTaskFromItem(item: Item): LifecycleTask {
  return LifecycleTaskSchema.parse(item);
}
