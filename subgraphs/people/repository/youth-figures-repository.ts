import type { ItemLoader } from '#kernel/entity-loader';
import { emptyMonthFigures, type YouthMonthFigures } from '../domain/youth-figures.ts';
import type { YouthCounts } from '../domain/youth-stats.ts';
import { youthCountsFromItem, youthMonthsFromItem, youthStatsKey } from './youth-stats-entity.ts';

/** A municipality's counts by status now and its figures of each month of a period. */
export interface YouthFiguresOfPeriod {
  counts: YouthCounts;
  months: YouthMonthFigures[];
}

/**
 * The figures of several municipalities over a period, through the request's loader: one
 * counter item per municipality, all in one batched read, so the cost grows with neither the
 * young people nor the length of the period.
 *
 * @param loader - the request's loader
 * @param municipalityCodes - the municipalities
 * @param months - the months of the period, `YYYY-MM`
 */
export async function loadYouthFigures(
  loader: ItemLoader,
  municipalityCodes: readonly string[],
  months: readonly string[],
): Promise<Map<string, YouthFiguresOfPeriod>> {
  const items = await Promise.all(
    municipalityCodes.map((code) => loader.load(youthStatsKey(code))),
  );
  const figures = new Map<string, YouthFiguresOfPeriod>();
  municipalityCodes.forEach((code, index) => {
    const item = items[index];
    const kept = youthMonthsFromItem(item);
    figures.set(code, {
      counts: youthCountsFromItem(item),
      months: months.map((month) => kept.get(month) ?? emptyMonthFigures()),
    });
  });
  return figures;
}
