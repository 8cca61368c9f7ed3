import type { ItemLoader } from '#kernel/entity-loader';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { PLACEMENT_STATUSES, type Placement } from '../domain/placement.ts';
import type { YouthPlacementsFacts } from '../domain/placement-figures.ts';
import type { PlacementMonthFigures, PlacementStatusCounts } from '../domain/placement-stats.ts';
import { placementFromItem, placementsOfYouthPartition } from './placement-entity.ts';
import { counterValue, placementMonthKey, statusCountersKey } from './placement-stats-entity.ts';

/** Whether a listed item is a placement (an erased young person's are anonymous stubs). */
function isPlacement(item: Record<string, unknown>): boolean {
  return item.entity === 'Placement';
}

/** A municipality's counts by status now and its month figures of a period, in month order. */
export interface PlacementFiguresOfPeriod {
  counts: PlacementStatusCounts;
  months: PlacementMonthFigures[];
}

function numbersOf(item: Record<string, unknown> | undefined): Record<string, number> {
  return Object.fromEntries(
    Object.entries(item ?? {}).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number',
    ),
  );
}

/**
 * The status item and the month items of several municipalities over a period, through the
 * request's loader: every key in one batched read (100 keys a call), so the cost grows with
 * municipalities times months and never with the placements or the young people.
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
  const keys = municipalityCodes.flatMap((code) => [
    statusCountersKey(code),
    ...months.map((month) => placementMonthKey(code, month)),
  ]);
  const items = await loader.loadMany(keys);
  const figures = new Map<string, PlacementFiguresOfPeriod>();
  municipalityCodes.forEach((code, index) => {
    const start = index * (months.length + 1);
    const own = items.slice(start, start + months.length + 1).map((item) => {
      if (item instanceof Error) throw item;
      return item;
    });
    const status = own[0];
    figures.set(code, {
      counts: Object.fromEntries(
        PLACEMENT_STATUSES.map((s) => [s, counterValue(status, s)]),
      ) as PlacementStatusCounts,
      months: own.slice(1).map(numbersOf),
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
