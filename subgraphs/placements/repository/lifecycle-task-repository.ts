import type { Connection } from '#kernel/connection';
import type { CursorCodec, CursorKey } from '#kernel/cursor';
import { key, PREFIX } from '#kernel/keys';
import { readPage } from '#kernel/listing';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { Table, TransactAction } from '#kernel/table/table';
import type { LifecycleStep, LifecycleTask } from '../domain/lifecycle.ts';
import type { Placement } from '../domain/placement.ts';
import {
  escalatedTasksPartition,
  LIFECYCLE_TASK_SK_PREFIX,
  lifecycleTaskFromItem,
  lifecycleTaskKey,
  lifecycleTaskToItem,
  openTasksOfStaffPartition,
} from './lifecycle-task-entity.ts';
import { placementFromItem, RUNNING_LIFECYCLES_PARTITION } from './placement-entity.ts';

/** The task of one step and round, read strongly consistent; undefined while it has not opened. */
export async function readLifecycleTask(
  table: Table,
  placementId: string,
  step: LifecycleStep,
  round: number,
): Promise<LifecycleTask | undefined> {
  const item = await table.get(lifecycleTaskKey(placementId, step, round));
  return item ? lifecycleTaskFromItem(item) : undefined;
}

/** Every lifecycle task of a placement (a handful: one query of its own partition). */
export async function listTasksOfPlacement(
  table: Table,
  placementId: string,
): Promise<LifecycleTask[]> {
  const items = await table.queryAll({
    partition: key(PREFIX.placement, placementId),
    beginsWith: LIFECYCLE_TASK_SK_PREFIX,
  });
  return items
    .map(lifecycleTaskFromItem)
    .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id));
}

/**
 * The write of a task: new (on condition it does not exist, so that two tries to open the same
 * step and round make one task) or changed (on condition of the version read).
 *
 * @param before - the task as read, or null when it is new
 * @param after - the task as it becomes
 */
export function lifecycleTaskWriteAction(
  before: LifecycleTask | null,
  after: LifecycleTask,
): { action: TransactAction; stored: LifecycleTask } {
  const stored = { ...after, version: before ? before.version + 1 : 1 };
  return {
    action: {
      put: lifecycleTaskToItem(stored),
      condition: before ? versionIs(before.version) : itemMustNotExist,
    },
    stored,
  };
}

/** Writes one task alone (see {@link lifecycleTaskWriteAction}). */
export async function saveLifecycleTask(
  table: Table,
  before: LifecycleTask | null,
  after: LifecycleTask,
): Promise<LifecycleTask> {
  const { action, stored } = lifecycleTaskWriteAction(before, after);
  if (!('put' in action)) throw new Error('unreachable');
  await table.put(action.put, action.condition);
  return stored;
}

/**
 * A page of a staff member's open lifecycle tasks, earliest due first (one query of gsi1).
 *
 * @param table - the table
 * @param cursors - the request's cursor codec
 * @param staffId - the assignee
 * @param first - page size
 * @param after - cursor of the previous page
 */
export function listOpenTasksOfStaff(
  table: Table,
  cursors: CursorCodec,
  staffId: string,
  first: number,
  after: string | null | undefined,
): Promise<Connection<LifecycleTask>> {
  const partition = openTasksOfStaffPartition(staffId);
  return readPage(
    { table, cursors },
    { query: { index: 'gsi1', partition }, scope: partition },
    { first, after },
    lifecycleTaskFromItem,
  );
}

/**
 * A page of a municipality's open escalated lifecycle tasks, earliest due first (one query of
 * gsi2), for its team leader.
 *
 * @param table - the table
 * @param cursors - the request's cursor codec
 * @param municipalityCode - the municipality
 * @param first - page size
 * @param after - cursor of the previous page
 */
export function listEscalatedTasks(
  table: Table,
  cursors: CursorCodec,
  municipalityCode: string,
  first: number,
  after: string | null | undefined,
): Promise<Connection<LifecycleTask>> {
  const partition = escalatedTasksPartition(municipalityCode);
  return readPage(
    { table, cursors },
    { query: { index: 'gsi2', partition }, scope: partition },
    { first, after },
    lifecycleTaskFromItem,
  );
}

/**
 * Every placement whose lifecycle runs, page by page from the sparse gsi3 partition (never a
 * scan): the local stack resumes each of them when it starts.
 *
 * @param table - the table
 */
export async function* placementsWithRunningLifecycle(table: Table): AsyncGenerator<Placement> {
  let startKey: CursorKey | undefined;
  do {
    const page = await table.query({
      index: 'gsi3',
      partition: RUNNING_LIFECYCLES_PARTITION,
      limit: 100,
      ...(startKey ? { startKey } : {}),
    });
    for (const item of page.items) yield placementFromItem(item);
    startKey = page.lastKey;
  } while (startKey);
}
