import { type Connection, toConnection } from '#kernel/connection';
import type { CursorCodec } from '#kernel/cursor';
import type { ItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import type { Placement } from '../domain/placement.ts';
import { type PageRequest, pageRequest } from './paging.ts';
import {
  placementFromItem,
  placementKey,
  placementPosition,
  placementsOfCompanyPartition,
  placementsOfYouthPartition,
} from './placement-entity.ts';
import {
  type Guard,
  guardFromItem,
  opportunityOccupancyKey,
  youthPlacementGuardKey,
} from './placement-guard-entity.ts';

/** Placements by id through the request's batching loader; undefined where none exists. */
export async function loadPlacements(
  loader: ItemLoader,
  ids: readonly string[],
): Promise<Array<Placement | undefined>> {
  const items = await loader.loadMany(ids.map(placementKey));
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return item ? placementFromItem(item) : undefined;
  });
}

/** One placement, read strongly consistent (for a write that follows). */
export async function readPlacement(table: Table, id: string): Promise<Placement | undefined> {
  const item = await table.get(placementKey(id));
  return item ? placementFromItem(item) : undefined;
}

async function listPlacements(
  table: Table,
  cursors: CursorCodec,
  index: 'gsi1' | 'gsi2',
  partition: string,
  first: number,
  after: string | null | undefined,
): Promise<Connection<Placement>> {
  const page: PageRequest = pageRequest(cursors, partition, first, after);
  const result = await table.query({ index, partition, forward: false, ...page });
  return toConnection(result, placementFromItem, placementPosition(index), cursors, partition);
}

/**
 * A page of a young person's placements, newest start first (one query of gsi1).
 *
 * @param table - the table
 * @param cursors - the request's cursor codec
 * @param youthId - the young person
 * @param first - page size
 * @param after - cursor of the previous page
 */
export function listPlacementsByYouth(
  table: Table,
  cursors: CursorCodec,
  youthId: string,
  first: number,
  after: string | null | undefined,
): Promise<Connection<Placement>> {
  return listPlacements(table, cursors, 'gsi1', placementsOfYouthPartition(youthId), first, after);
}

/**
 * A page of a company's placements, newest start first (one query of gsi2).
 *
 * @param table - the table
 * @param cursors - the request's cursor codec
 * @param companyId - the company
 * @param first - page size
 * @param after - cursor of the previous page
 */
export function listPlacementsByCompany(
  table: Table,
  cursors: CursorCodec,
  companyId: string,
  first: number,
  after: string | null | undefined,
): Promise<Connection<Placement>> {
  return listPlacements(
    table,
    cursors,
    'gsi2',
    placementsOfCompanyPartition(companyId),
    first,
    after,
  );
}

/**
 * Young people's placement guards through the request's loader: which of their placements are
 * open, and in which status (the current placement is found here without a query).
 */
export async function loadYouthGuards(
  loader: ItemLoader,
  youthIds: readonly string[],
): Promise<Guard[]> {
  const items = await loader.loadMany(youthIds.map(youthPlacementGuardKey));
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return guardFromItem(item);
  });
}

/** A young person's placement guard, read strongly consistent before a write. */
export async function readYouthGuard(table: Table, youthId: string): Promise<Guard> {
  return guardFromItem(await table.get(youthPlacementGuardKey(youthId)));
}

/** An opportunity's occupancy, read strongly consistent before a write. */
export async function readOccupancy(table: Table, opportunityId: string): Promise<Guard> {
  return guardFromItem(await table.get(opportunityOccupancyKey(opportunityId)));
}
