import type { ItemLoader } from '#kernel/entity-loader';
import { monthCountersOf } from '#kernel/month-counters';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { PLACEMENT_STATUSES, type Placement } from '../domain/placement.ts';
import type { YouthPlacementsFacts } from '../domain/placement-figures.ts';
import type { PlacementMonthFigures, PlacementStatusCounts } from '../domain/placement-stats.ts';
import { placementFromItem, placementsOfYouthPartition } from './placement-entity.ts';
import { counterValue, statusCountersKey } from './placement-stats-entity.ts';

/** Whether a listed item is a placement (an erased young person's are anonymous stubs). */
function isPlacement(item: Record<string, unknown>): boolean {
  return item.entity === 'Placement';
}

/** A municipality's counts by status now and its month figures of a period, in month order. */
export interface PlacementFiguresOfPeriod {
  counts: PlacementStatusCounts;
  months: PlacementMonthFigures[];
}

/**
 * The counter item of several municipalities — counts by status and month counters — through
 * the request's loader: one key per municipality, every key in one batched read (100 keys a
 * call), so the cost grows with municipalities only, never with the months of the period, the
 * placements or the young people.
 *
 * @param loader - the request's loader
 * @param municipalityCodes - the municipalities
 * @param months - the months of the period, `YYYY-MM`
 */
export async function loadPlacementFigures(
  loader: ItemLoader,
  municipalityCodes: readonly string[],
  months: readonly string[],
): Promise<Map<string, PlacementFiguresOfPeriod>> {
  const items = await loader.loadMany(municipalityCodes.map((code) => statusCountersKey(code)));
  const figures = new Map<string, PlacementFiguresOfPeriod>();
  municipalityCodes.forEach((code, index) => {
    const item = items[index];
    if (item instanceof Error) throw item;
    const monthCounters = monthCountersOf(item);
    figures.set(code, {
      counts: Object.fromEntries(
        PLACEMENT_STATUSES.map((s) => [s, counterValue(item, s)]),
      ) as PlacementStatusCounts,
      months: months.map((month) => monthCounters.get(month) ?? {}),
    });
  });
  return figures;
}

/**
 * The codes of every municipality running NEXTWORK (the people subgraph's listing on gsi1, one
 * small partition).
 *
 * @param table - the table
 */
export async function listMunicipalityCodes(table: Table): Promise<string[]> {
  const items = await table.queryAll({ index: 'gsi1', partition: 'MUNICIPALITIES' });
  return items.map((item) => String(item.code)).sort();
}

/**
 * A young person's enrolment date and every placement of theirs, for a write that starts or
 * un-starts a placement (it may change which was their first). One get and one query of the
 * young person's placements (a small partition).
 *
 * The enrolment date is the people subgraph's `enrolledAt` on the young person's item.
 *
 * @param table - the table
 * @param youthId - the young person
 */
export async function readYouthPlacementsFacts(
  table: Table,
  youthId: string,
): Promise<YouthPlacementsFacts> {
  const [youth, placements] = await Promise.all([
    table.get(sharedKeys.youth(youthId)),
    table.queryAll({ index: 'gsi1', partition: placementsOfYouthPartition(youthId) }),
  ]);
  return {
    enrolledAt: typeof youth?.enrolledAt === 'string' ? youth.enrolledAt : null,
    placements: placements.filter(isPlacement).map(placementFromItem),
  };
}

/**
 * Every placement of a municipality's young people, for the recount (maintenance only: reads
 * each young person's placements partition).
 *
 * @param table - the table
 * @param youthIds - the young people
 */
export async function readPlacementsOfYouth(
  table: Table,
  youthIds: readonly string[],
): Promise<Placement[]> {
  const all: Placement[] = [];
  for (const youthId of youthIds) {
    const items = await table.queryAll({
      index: 'gsi1',
      partition: placementsOfYouthPartition(youthId),
    });
    all.push(...items.filter(isPlacement).map(placementFromItem));
  }
  return all;
}
