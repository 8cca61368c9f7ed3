import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import type { ListingReader, PageRequest } from '#kernel/listing';
import type { Item, Table } from '#kernel/table/table';
import type { Placement } from '../domain/placement.ts';
import type { PlacementFigureFacts } from '../domain/placement-figures.ts';
import {
  PlacementEntity,
  placementKey,
  placementsOfCompanyPartition,
  placementsOfYouthPartition,
} from './placement-entity.ts';
import {
  type CompanyOccupancy,
  CompanyOccupancyEntity,
  companyOccupancyKey,
  emptyCompanyOccupancy,
  emptyOccupancy,
  emptyYouthGuard,
  type OpportunityOccupancy,
  OpportunityOccupancyEntity,
  opportunityOccupancyKey,
  type YouthPlacementGuard,
  YouthPlacementGuardEntity,
  youthPlacementGuardKey,
} from './placement-guard-entity.ts';

/** Placements by id through the request's batching loader; undefined where none exists. */
export function loadPlacements(
  loader: ItemLoader,
  ids: readonly string[],
): Promise<Array<Placement | undefined>> {
  return PlacementEntity.load(loader, ids.map(placementKey));
}

/** One placement, through the loader (strongly consistent) (for a write that follows). */
export function loadPlacement(loader: ItemLoader, id: string): Promise<Placement | undefined> {
  return PlacementEntity.loadOne(loader, placementKey(id));
}

/**
 * A page of a young person's placements, newest start first (one query of gsi1).
 *
 * @param reader - the request's table, cursors and loader
 * @param youthId - the young person
 * @param page - page size and cursor
 */
export function listPlacementsByYouth(
  reader: ListingReader,
  youthId: string,
  page: PageRequest,
): Promise<Connection<Placement>> {
  const partition = placementsOfYouthPartition(youthId);
  // Not handed to the loader: the young person's current placement is looked up beside this
  // list in the same request, and whether that lookup found the list's items would depend on
  // which answer came back first — a query's round trips would vary from one run to the next.
  return PlacementEntity.page(
    { table: reader.table, cursors: reader.cursors },
    { query: { index: 'gsi1', partition, forward: false }, scope: partition },
    page,
  );
}

/**
 * A page of a company's placements, newest start first (one query of gsi2).
 *
 * @param reader - the request's table, cursors and loader
 * @param companyId - the company
 * @param page - page size and cursor
 */
export function listPlacementsByCompany(
  reader: ListingReader,
  companyId: string,
  page: PageRequest,
): Promise<Connection<Placement>> {
  const partition = placementsOfCompanyPartition(companyId);
  return PlacementEntity.page(
    reader,
    { query: { index: 'gsi2', partition, forward: false }, scope: partition },
    page,
  );
}

/** Whether a listed item is a placement (an erased young person's are anonymous stubs). */
function isPlacement(item: Item): boolean {
  return item.entity === PlacementEntity.name;
}

/**
 * Every placement of a young person (a small partition), strongly consistent: for a write that
 * may change which was their first, and for the recount and the young person's rights. Erased
 * placements' anonymous stubs, listed in the same partition, are left out.
 *
 * @param table - the table
 * @param youthId - the young person
 */
export async function readPlacementsOfYouth(table: Table, youthId: string): Promise<Placement[]> {
  const items = await table.queryAll({
    index: 'gsi1',
    partition: placementsOfYouthPartition(youthId),
  });
  return items.filter(isPlacement).map(PlacementEntity.fromItem);
}

/**
 * What the figures count of every placement of a young person or of an erased one's stub,
 * placements and their anonymous stubs alike (maintenance: the recount).
 *
 * @param table - the table
 * @param youthId - the young person, or an erased one's stub
 */
export async function readPlacementFiguresOfYouth(
  table: Table,
  youthId: string,
): Promise<PlacementFigureFacts[]> {
  const items = await table.queryAll({
    index: 'gsi1',
    partition: placementsOfYouthPartition(youthId),
  });
  return items.map((item) =>
    isPlacement(item) ? PlacementEntity.fromItem(item) : (item as unknown as PlacementFigureFacts),
  );
}

/**
 * Young people's placement guards through the request's loader: which of their placements are
 * open, and in which status (the current placement is found here without a query).
 */
export async function loadYouthGuards(
  loader: ItemLoader,
  youthIds: readonly string[],
): Promise<YouthPlacementGuard[]> {
  const guards = await YouthPlacementGuardEntity.load(loader, youthIds.map(youthPlacementGuardKey));
  return guards.map((guard, i) => guard ?? emptyYouthGuard(youthIds[i] as string));
}

/** A young person's placement guard, through the loader (strongly consistent) before a write. */
export async function loadYouthGuard(
  loader: ItemLoader,
  youthId: string,
): Promise<YouthPlacementGuard> {
  const guard = await YouthPlacementGuardEntity.loadOne(loader, youthPlacementGuardKey(youthId));
  return guard ?? emptyYouthGuard(youthId);
}

/** An opportunity's occupancy, through the loader (strongly consistent) before a write. */
export async function loadOccupancy(
  loader: ItemLoader,
  opportunityId: string,
): Promise<OpportunityOccupancy> {
  const occupancy = await OpportunityOccupancyEntity.loadOne(
    loader,
    opportunityOccupancyKey(opportunityId),
  );
  return occupancy ?? emptyOccupancy(opportunityId);
}

/** A company's occupancy, through the loader (strongly consistent) before a write. */
export async function loadCompanyOccupancy(
  loader: ItemLoader,
  companyId: string,
): Promise<CompanyOccupancy> {
  const occupancy = await CompanyOccupancyEntity.loadOne(loader, companyOccupancyKey(companyId));
  return occupancy ?? emptyCompanyOccupancy(companyId);
}
