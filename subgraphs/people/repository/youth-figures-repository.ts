import type { ItemLoader } from '#kernel/entity-loader';
import type { YouthMonthFigures } from '../domain/youth-figures.ts';
import type { YouthCounts } from '../domain/youth-stats.ts';
import { youthMonthFromItem, youthMonthKey } from './youth-figures-entity.ts';
import { youthCountsFromItem, youthStatsKey } from './youth-stats-entity.ts';

/** A municipality's counts by status now and its figures of each month of a period. */
export interface YouthFiguresOfPeriod {
  counts: YouthCounts;
  months: YouthMonthFigures[];
}

/**
 * The counter item and the month items of several municipalities over a period, through the
 * request's loader: every key in one batched read (100 keys a call), so the cost grows with
 * municipalities times months and never with the young people.
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
  const keys = municipalityCodes.flatMap((code) => [
    youthStatsKey(code),
    ...months.map((month) => youthMonthKey(code, month)),
  ]);
  const items = await loader.loadMany(keys);
  const figures = new Map<string, YouthFiguresOfPeriod>();
  municipalityCodes.forEach((code, index) => {
    const start = index * (months.length + 1);
    const own = items.slice(start, start + months.length + 1).map((item) => {
      if (item instanceof Error) throw item;
      return item;
    });
    figures.set(code, {
      counts: youthCountsFromItem(own[0]),
      months: own.slice(1).map(youthMonthFromItem),
    });
  });
  return figures;
}
