import type { ItemKey } from './keys.ts';
import { countersHold } from './table/expressions.ts';
import { ConditionFailedError, type Table } from './table/table.ts';

/**
 * What `npm run recount` reports of every subgraph: the kept figures computed again from the
 * records they count, and where the two disagree. With `fix`, the one way every subgraph
 * corrects a counter item while live writes add to it: each differing counter gets the
 * difference ADDed, on condition that it still holds what the recount compared, so that a
 * write committed between the recount's read and its fix is never overwritten.
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
  /**
   * Counter items that live writes kept changing between the recount and its fix for
   * {@link MAX_FIX_ATTEMPTS} attempts: left as they were, to be recounted again.
   */
  notFixed: ItemKey[];
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

/** The correction of one counter item: its differing counters, each named by its attribute. */
export interface CounterCorrection {
  key: ItemKey;
  /** Attributes that name the item (`entity`, `municipalityCode`), set as every write sets them. */
  names: Readonly<Record<string, string>>;
  differences: readonly FigureDifference[];
}

/**
 * What a subgraph's recount found of one municipality's figures. The recount must read the kept
 * counter item (strongly consistent) before the records it counts: a write that lands after
 * that read then changes the counter the fix is conditioned on, and the fix is tried again on
 * fresh reads instead of undoing the write.
 */
export interface MunicipalityRecount {
  differences: FigureDifference[];
  /** Sets of figures compared (an item's counts, or one month of them). */
  itemsCompared: number;
  /** What a fix corrects; absent when nothing can be corrected. */
  correction?: CounterCorrection;
}

/** Recounts of one municipality a fix makes before it reports the item as not fixed. */
export const MAX_FIX_ATTEMPTS = 4;

/**
 * Adds to each differing counter what it lacks (removes one that should be zero), if every one
 * of them still holds what the recount compared.
 *
 * @param table - the table
 * @param correction - the counter item and its differences
 * @returns false when a live write changed one of the counters since the recount read it
 */
export async function addCorrection(table: Table, correction: CounterCorrection): Promise<boolean> {
  const { key, names, differences } = correction;
  if (differences.length === 0) return true;
  // A counter that should be zero is removed rather than added to (the condition holds it at
  // what was compared, so that is the same change), so a month nothing counts any more is gone.
  const add = Object.fromEntries(
    differences.filter((d) => d.recounted !== 0).map((d) => [d.counter, d.recounted - d.kept]),
  );
  const remove = differences.filter((d) => d.recounted === 0).map((d) => d.counter);
  try {
    await table.update(
      key,
      { set: { ...names }, add, remove },
      countersHold(Object.fromEntries(differences.map((d) => [d.counter, d.kept]))),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}

/**
 * A subgraph's recount of every municipality, one after the other, and with `fix` each one's
 * correction added as soon as it is compared: when a live write got in between, that
 * municipality is recounted and corrected again, up to {@link MAX_FIX_ATTEMPTS} times. The
 * report holds what the first comparison found. Maintenance only: it reads whole partitions.
 *
 * @param table - the table
 * @param codes - the municipalities whose figures the subgraph keeps
 * @param recount - one municipality's comparison
 * @param options - `fix`: add the corrections
 */
export async function recountMunicipalities(
  table: Table,
  codes: readonly string[],
  recount: (code: string) => Promise<MunicipalityRecount>,
  options: { fix?: boolean } = {},
): Promise<RecountReport> {
  const report: RecountReport = { itemsCompared: 0, differences: [], fixed: false, notFixed: [] };
  for (const code of codes) {
    let found = await recount(code);
    report.itemsCompared += found.itemsCompared;
    report.differences.push(...found.differences);
    if (!options.fix) continue;
    for (let attempt = 1; found.correction; attempt++) {
      if (await addCorrection(table, found.correction)) {
        report.fixed = true;
        break;
      }
      if (attempt === MAX_FIX_ATTEMPTS) {
        report.notFixed.push(found.correction.key);
        break;
      }
      found = await recount(code);
    }
  }
  if (report.notFixed.length > 0) report.fixed = false;
  return report;
}
