import type { Connection } from '#kernel/connection';
import type { CursorKey } from '#kernel/cursor';
import type { ItemLoader } from '#kernel/entity-loader';
import { key, PREFIX } from '#kernel/keys';
import type { ListingReader, PageRequest } from '#kernel/listing';
import type { Table } from '#kernel/table/table';
import type { LifecycleStep, LifecycleTask } from '../domain/lifecycle.ts';
import type { Placement } from '../domain/placement.ts';
import {
  escalatedTasksPartition,
  LIFECYCLE_TASK_SK_PREFIX,
  LifecycleTaskEntity,
  lifecycleTaskKey,
  openTasksOfStaffPartition,
} from './lifecycle-task-entity.ts';
import { PlacementEntity, RUNNING_LIFECYCLES_PARTITION } from './placement-entity.ts';

/** The task of one step and round, through the loader (strongly consistent); undefined while it has not opened. */
export function loadLifecycleTask(
  loader: ItemLoader,
  placementId: string,
  step: LifecycleStep,
  round: number,
): Promise<LifecycleTask | undefined> {
  return LifecycleTaskEntity.loadOne(loader, lifecycleTaskKey(placementId, step, round));
}

/** Every lifecycle task of a placement in the order they opened (one query of its partition). */
export async function listTasksOfPlacement(
  table: Table,
  placementId: string,
): Promise<LifecycleTask[]> {
  const tasks = await LifecycleTaskEntity.readAll(table, {
    partition: key(PREFIX.placement, placementId),
    beginsWith: LIFECYCLE_TASK_SK_PREFIX,
  });
  return tasks.sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id));
}

/**
 * A page of a staff member's open lifecycle tasks, earliest due first (one query of gsi1).
 *
 * @param reader - the request's table, cursors and loader
 * @param staffId - the assignee
 * @param page - page size and cursor
 */
export function listOpenTasksOfStaff(
  reader: ListingReader,
  staffId: string,
  page: PageRequest,
): Promise<Connection<LifecycleTask>> {
  const partition = openTasksOfStaffPartition(staffId);
  return LifecycleTaskEntity.page(
    reader,
    { query: { index: 'gsi1', partition }, scope: partition },
    page,
  );
}

/**
 * A page of a municipality's open escalated lifecycle tasks, earliest due first (one query of
 * gsi2), for its team leader.
 *
 * @param reader - the request's table, cursors and loader
 * @param municipalityCode - the municipality
 * @param page - page size and cursor
 */
export function listEscalatedTasks(
  reader: ListingReader,
  municipalityCode: string,
  page: PageRequest,
): Promise<Connection<LifecycleTask>> {
  const partition = escalatedTasksPartition(municipalityCode);
  return LifecycleTaskEntity.page(
    reader,
    { query: { index: 'gsi2', partition }, scope: partition },
    page,
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
    for (const item of page.items) yield PlacementEntity.fromItem(item);
    startKey = page.lastKey;
  } while (startKey);
}
