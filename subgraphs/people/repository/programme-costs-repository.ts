import type { ItemLoader } from '#kernel/entity-loader';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { monthCounterAttribute, monthCountersOf } from '#kernel/month-counters';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { Item } from '#kernel/table/table';
import type { UnitOfWork } from '#kernel/unit-of-work';

/**
 * A municipality's programme costs: one item (`pk MUNI#<code>`, `sk PROGRAMME_COSTS`) with a
 * month attribute per month recorded (`2026-11#costDkk`, whole kroner, `#kernel/month-counters`)
 * and a version. A correction replaces the month's figure (a `SET`, not an `ADD`), so a period's
 * costs are one item read however long the period.
 */

/** The month counter of the costs. */
export const COST_COUNTER = 'costDkk';

/** Primary key of a municipality's programme costs. */
export function programmeCostsKey(municipalityCode: string): ItemKey {
  return { pk: key(PREFIX.municipality, municipalityCode), sk: 'PROGRAMME_COSTS' };
}

/** A municipality's programme costs as read: by month, and the item's version (0: none yet). */
export interface ProgrammeCostsItem {
  byMonth: Map<string, number>;
  version: number;
}

/** The programme costs of a stored item (undefined: none recorded). */
export function programmeCostsOf(item: Item | undefined): ProgrammeCostsItem {
  const byMonth = new Map<string, number>();
  for (const [month, counters] of monthCountersOf(item)) {
    const cost = counters[COST_COUNTER];
    if (cost !== undefined) byMonth.set(month, cost);
  }
  return { byMonth, version: typeof item?.version === 'number' ? item.version : 0 };
}

/**
 * Municipalities' programme-costs items through the request's loader (one batched read).
 *
 * @param loader - the request's loader
 * @param codes - the municipalities
 */
export async function loadProgrammeCosts(
  loader: ItemLoader,
  codes: readonly string[],
): Promise<ProgrammeCostsItem[]> {
  const items = await loader.loadMany(codes.map(programmeCostsKey));
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return programmeCostsOf(item);
  });
}

/**
 * Stages a month's costs on the unit of work, replacing what was recorded for the month, if the
 * costs are still at the version read (none recorded: version 0).
 *
 * @param work - the unit of work
 * @param change - the municipality, month, amount and the version read
 */
export function stageProgrammeCosts(
  work: UnitOfWork,
  change: { municipalityCode: string; month: string; amountDkk: number; expectedVersion: number },
): void {
  work.add({
    update: programmeCostsKey(change.municipalityCode),
    spec: {
      set: {
        entity: 'ProgrammeCosts',
        municipalityCode: change.municipalityCode,
        [monthCounterAttribute(change.month, COST_COUNTER)]: change.amountDkk,
      },
      add: { version: 1 },
    },
    condition: change.expectedVersion === 0 ? itemMustNotExist : versionIs(change.expectedVersion),
  });
}
