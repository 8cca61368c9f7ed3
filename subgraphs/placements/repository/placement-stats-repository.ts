import type { ItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import type { YouthPlacementsFacts } from '../domain/placement-figures.ts';
import type { PlacementMonthFigures, PlacementStatusCounts } from '../domain/placement-stats.ts';
import { readPlacementsOfYouth } from './placement-repository.ts';
import {
  noCounters,
  PlacementCountersEntity,
  statusCountersKey,
} from './placement-stats-entity.ts';
import { loadOneYouthFacts } from './shared-items.ts';

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
  const counters = await PlacementCountersEntity.load(
    loader,
    municipalityCodes.map(statusCountersKey),
  );
  const figures = new Map<string, PlacementFiguresOfPeriod>();
  municipalityCodes.forEach((code, index) => {
    const kept = counters[index] ?? noCounters(code);
    figures.set(code, {
      counts: kept.counts,
      months: months.map((month) => kept.months[month] ?? {}),
    });
  });
  return figures;
}

/**
 * A young person's enrolment date and every placement of theirs, for a write that starts or
 * un-starts a placement (it may change which was their first). One get and one query of the
 * young person's placements (a small partition), both strongly consistent.
 *
 * @param table - the table
 * @param loader - the loader the young person is read through
 * @param youthId - the young person
 */
export async function readYouthPlacementsFacts(
  table: Table,
  loader: ItemLoader,
  youthId: string,
): Promise<YouthPlacementsFacts> {
  const [youth, placements] = await Promise.all([
    loadOneYouthFacts(loader, youthId),
    readPlacementsOfYouth(table, youthId),
  ]);
  return { enrolledAt: youth?.enrolledAt ?? null, placements };
}
