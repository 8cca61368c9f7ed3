import type { Connection } from '#kernel/connection';
import type { CursorCodec } from '#kernel/cursor';
import type { ItemLoader } from '#kernel/entity-loader';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { Table } from '#kernel/table/table';
import type { TeamTraining } from '../domain/team-training.ts';
import type { UnitedGathering } from '../domain/united-gathering.ts';
import { type PageRequest, queryConnection } from './paging.ts';
import {
  gatheringFromItem,
  gatheringKey,
  gatheringsQuery,
  gatheringToItem,
  trainingFromItem,
  trainingsQuery,
  trainingToItem,
} from './united-entity.ts';

/** Stores a new gathering. */
export async function createGathering(table: Table, gathering: UnitedGathering): Promise<void> {
  await table.put(gatheringToItem(gathering), itemMustNotExist);
}

/** Stores a changed gathering if nobody changed it since it was read (else `CONFLICT`). */
export async function saveGathering(
  table: Table,
  before: UnitedGathering,
  after: UnitedGathering,
): Promise<void> {
  await table.put(gatheringToItem(after), versionIs(before.version));
}

/** One gathering, read strongly consistent (before a versioned write). */
export async function getGathering(
  table: Table,
  gatheringId: string,
): Promise<UnitedGathering | undefined> {
  const item = await table.get(gatheringKey(gatheringId));
  return item ? gatheringFromItem(item) : undefined;
}

/** Gatherings by id through the request's batching loader. */
export async function loadGatherings(
  loader: ItemLoader,
  gatheringIds: readonly string[],
): Promise<Array<UnitedGathering | undefined>> {
  const items = await loader.loadMany(gatheringIds.map(gatheringKey));
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return item ? gatheringFromItem(item) : undefined;
  });
}

/** One page of gatherings, newest first. */
export function listGatherings(
  table: Table,
  cursors: CursorCodec,
  page: PageRequest,
): Promise<Connection<UnitedGathering>> {
  return queryConnection(table, cursors, gatheringsQuery, page, gatheringFromItem);
}

/** Stores a new team training. */
export async function createTraining(table: Table, training: TeamTraining): Promise<void> {
  await table.put(trainingToItem(training), itemMustNotExist);
}

/** One page of team trainings, newest first. */
export function listTrainings(
  table: Table,
  cursors: CursorCodec,
  page: PageRequest,
): Promise<Connection<TeamTraining>> {
  return queryConnection(table, cursors, trainingsQuery, page, trainingFromItem);
}
