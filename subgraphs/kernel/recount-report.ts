import type { ItemKey } from './keys.ts';

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
export function differingCounters(
  itemKey: ItemKey,
  kept: Readonly<Record<string, number>>,
  recounted: Readonly<Record<string, number>>,
  counters: readonly string[] = [...new Set([...Object.keys(kept), ...Object.keys(recounted)])],
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
