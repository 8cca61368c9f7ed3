import type { ItemKey } from '#kernel/keys';
import type { Item, Table } from '#kernel/table/table';
import { YOUTH_STATUSES } from '../domain/youth.ts';
import {
  emptyMonthFigures,
  lifetimeFigureChanges,
  YOUTH_MONTH_COUNTERS,
  type YouthMonthCounter,
  type YouthMonthFigures,
} from '../domain/youth-figures.ts';
import { emptyCounts, type YouthCounts } from '../domain/youth-stats.ts';
import { listMunicipalities } from '../repository/municipality-repository.ts';
import { municipalityYouthPartition, youthFromItem } from '../repository/youth-entity.ts';
import {
  YOUTH_MONTH_PREFIX,
  youthMonthFromItem,
  youthMonthToItem,
} from '../repository/youth-figures-entity.ts';
import { listStatusHistory } from '../repository/youth-repository.ts';
import {
  youthCountsFromItem,
  youthCountsToItem,
  youthStatsKey,
} from '../repository/youth-stats-entity.ts';

/**
 * The people subgraph's recount: every kept figure (the counts by status and the monthly
 * figures) computed again from the raw items — each municipality's young people (its gsi1
 * listing) and each one's status history — by the same domain functions the writes use, and
 * compared with what is kept. Maintenance only: it reads whole partitions.
 */

/** One kept counter that disagrees with the recount. */
export interface FigureDifference {
  key: ItemKey;
  counter: string;
  kept: number;
  recounted: number;
}

/** What a recount found and, with `fix`, corrected. */
export interface RecountReport {
  itemsCompared: number;
  differences: FigureDifference[];
  fixed: boolean;
}

function compare(
  key: ItemKey,
  counters: readonly string[],
  kept: Record<string, number>,
  recounted: Record<string, number>,
): FigureDifference[] {
  return counters
    .filter((counter) => (kept[counter] ?? 0) !== (recounted[counter] ?? 0))
    .map((counter) => ({
      key,
      counter,
      kept: kept[counter] ?? 0,
      recounted: recounted[counter] ?? 0,
    }));
}

/**
 * Recounts the people subgraph's figures of every municipality.
 *
 * @param table - the table
 * @param options - `fix`: write the recounted figures over the kept ones where they differ
 */
export async function recountPeopleFigures(
  table: Table,
  options: { fix?: boolean } = {},
): Promise<RecountReport> {
  const differences: FigureDifference[] = [];
  const corrections: Item[] = [];
  let itemsCompared = 0;
  for (const { code } of await listMunicipalities(table)) {
    const counts: YouthCounts = emptyCounts();
    const months = new Map<string, YouthMonthFigures>();
    const youth = (
      await table.queryAll({ index: 'gsi1', partition: municipalityYouthPartition(code) })
    ).map(youthFromItem);
    for (const person of youth) {
      counts[person.status] += 1;
      const history = (await listStatusHistory(table, person.id)).map(({ status, date }) => ({
        status,
        date,
      }));
      for (const { month, add } of lifetimeFigureChanges(person.enrolledAt, history)) {
        const figures = months.get(month) ?? emptyMonthFigures();
        for (const [counter, n] of Object.entries(add) as Array<[YouthMonthCounter, number]>) {
          figures[counter] += n;
        }
        months.set(month, figures);
      }
    }
    const keptCounts = youthCountsFromItem(await table.get(youthStatsKey(code)));
    const countDifferences = compare(youthStatsKey(code), YOUTH_STATUSES, keptCounts, counts);
    if (countDifferences.length > 0) corrections.push(youthCountsToItem(code, counts));
    differences.push(...countDifferences);
    itemsCompared += 1;

    const keptMonths = new Map(
      (
        await table.queryAll({ partition: youthStatsKey(code).pk, beginsWith: YOUTH_MONTH_PREFIX })
      ).map((item) => [String(item.month), youthMonthFromItem(item)]),
    );
    for (const month of new Set([...months.keys(), ...keptMonths.keys()])) {
      const recounted = months.get(month) ?? emptyMonthFigures();
      const item = youthMonthToItem(code, month, recounted);
      const monthDifferences = compare(
        { pk: item.pk, sk: item.sk },
        YOUTH_MONTH_COUNTERS,
        { ...(keptMonths.get(month) ?? emptyMonthFigures()) },
        { ...recounted },
      );
      if (monthDifferences.length > 0) corrections.push(item);
      differences.push(...monthDifferences);
      itemsCompared += 1;
    }
  }
  if (options.fix && corrections.length > 0) await table.putMany(corrections);
  return { itemsCompared, differences, fixed: Boolean(options.fix) && corrections.length > 0 };
}
