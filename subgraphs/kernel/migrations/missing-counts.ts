import type { ItemKey } from '../keys.ts';
import { addCorrection, differingCounters } from '../recount-report.ts';
import type { Table } from '../table/table.ts';

/** Tries per counter item before a run stops for live writes that keep changing it. */
const ATTEMPTS = 5;

/** One counter item's counters as kept and as recounted from the records, by attribute. */
export interface CountsToCompare {
  kept: Readonly<Record<string, number>>;
  recounted: Readonly<Record<string, number>>;
}

/**
 * Adds to one counter item what its counters lack — the migration of figures that started
 * after the records they count: records stored before were never counted, so a counter only
 * ever lacks, and nothing is taken away (a record erased since, counted and kept as a stub the
 * recount may not reach, stays counted).
 *
 * The counters are corrected together, on condition that they still hold what was read
 * (`addCorrection`): a live write meanwhile fails the condition and everything is read again,
 * so no live count is lost, and a second run finds nothing to add. `read` must read the counter
 * item before the records, so that a write committed after that read changes a counter the
 * condition holds.
 *
 * @param table - the table
 * @param item - the counter item, the attributes it is named by, and what it counts (for the error)
 * @param read - the counters as kept and as the records add up
 * @returns 1 when it added to the counters, 0 when they held
 * @throws Error when live writes changed the item on every try: the migration is run again
 */
export async function addMissingCounts(
  table: Table,
  item: { key: ItemKey; names: Record<string, string>; counting: string },
  read: () => Promise<CountsToCompare>,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const { kept, recounted } = await read();
    const differences = differingCounters(item.key, kept, recounted).filter(
      (difference) => difference.recounted > difference.kept,
    );
    if (differences.length === 0) return 0;
    if (await addCorrection(table, { key: item.key, names: item.names, differences })) return 1;
    if (attempt >= ATTEMPTS) {
      throw new Error(`the ${item.counting} counters kept changing; run the migration again`);
    }
  }
}
