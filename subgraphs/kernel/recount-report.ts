import type { ItemKey } from './keys.ts';
import type { Table } from './table/table.ts';

/**
 * What `npm run recount` reports of every subgraph: the kept figures computed again from the
 * records they count, and where the two disagree.
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
  /** Sets of figures compared (an item's counts, or one month of them). */
  itemsCompared: number;
  differences: FigureDifference[];
  fixed: boolean;
}

/**
 * The counters of one item that disagree, a missing counter read as zero.
 *
 * @param itemKey - the counter item
 * @param counters - the counters to compare; every one either side holds when left out
 * @param kept - what the item holds
 * @param recounted - what the records add up to
 */
export function differingCounters<Counter extends string>(
  itemKey: ItemKey,
  kept: Readonly<Partial<Record<Counter, number>>>,
  recounted: Readonly<Partial<Record<Counter, number>>>,
  counters: readonly Counter[] = [
    ...new Set([...Object.keys(kept), ...Object.keys(recounted)]),
  ] as Counter[],
): FigureDifference[] {
  return counters
    .filter((counter) => (kept[counter] ?? 0) !== (recounted[counter] ?? 0))
    .map((counter) => ({
      key: itemKey,
      counter,
      kept: kept[counter] ?? 0,
      recounted: recounted[counter] ?? 0,
    }));
}

/** What a subgraph's recount found of one municipality's figures. */
export interface MunicipalityRecount {
  differences: FigureDifference[];
  /** Sets of figures compared (an item's counts, or one month of them). */
  itemsCompared: number;
  /** Writes the recounted figures over the kept ones; absent when there is nothing to correct. */
  correct?: (table: Table) => Promise<void>;
}

/**
 * A subgraph's recount of every municipality, one after the other, and with `fix` the
 * corrections written once all are compared. Maintenance only: it reads whole partitions.
 *
 * @param table - the table
 * @param codes - the municipalities whose figures the subgraph keeps
 * @param recount - one municipality's comparison
 * @param options - `fix`: write the corrections
 */
export async function recountMunicipalities(
  table: Table,
  codes: readonly string[],
  recount: (code: string) => Promise<MunicipalityRecount>,
  options: { fix?: boolean } = {},
): Promise<RecountReport> {
  const found: MunicipalityRecount[] = [];
  for (const code of codes) found.push(await recount(code));
  const corrections = found.flatMap(({ correct }) => (correct ? [correct] : []));
  if (options.fix) {
    for (const correct of corrections) await correct(table);
  }
  return {
    itemsCompared: found.reduce((sum, municipality) => sum + municipality.itemsCompared, 0),
    differences: found.flatMap(({ differences }) => differences),
    fixed: Boolean(options.fix) && corrections.length > 0,
  };
}
