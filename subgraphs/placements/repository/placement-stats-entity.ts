import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item, TransactAction } from '#kernel/table/table';
import type { CounterChange } from '../domain/placement-figures.ts';

export type { CounterChange } from '../domain/placement-figures.ts';

/**
 * Counter items of a municipality's placement figures. They are changed (`ADD`) in the same
 * transaction as the placement write that changes the figure, so the figures are exact and
 * reading them never reads the placements.
 *
 * - one item of counts by current status (`STATS#MUNI#<code>` / `PLACEMENTS#STATUS`);
 * - one item a month (`STATS#MUNI#<code>` / `PLACEMENTS#MONTH#2026-11`): started, extended,
 *   completed, interrupted, outcomes by kind, retention follow-ups kept and lost, and the
 *   first placements with their histogram of weeks from enrolment (`FIRST_WEEK_<n>`).
 *
 * A period of every municipality is one batched read of (1 + months) items per municipality.
 */

/** Partition of a municipality's statistics (shared with other subgraphs' figures by sort key). */
export function municipalityStatsPartition(municipalityCode: string): string {
  return key(PREFIX.stats, PREFIX.municipality, municipalityCode);
}

/** The sort key prefix of a municipality's month items (the recount lists them). */
export const PLACEMENT_MONTH_PREFIX = 'PLACEMENTS#MONTH#';

const STATUS_ENTITY = 'PlacementStatusCounters';
const MONTH_ENTITY = 'PlacementMonthFigures';

/** Key of the counts of a municipality's placements by current status. */
export function statusCountersKey(municipalityCode: string): ItemKey {
  return { pk: municipalityStatsPartition(municipalityCode), sk: 'PLACEMENTS#STATUS' };
}

/** Key of one month's placement figures of a municipality (`YYYY-MM`). */
export function placementMonthKey(municipalityCode: string, month: string): ItemKey {
  return {
    pk: municipalityStatsPartition(municipalityCode),
    sk: `${PLACEMENT_MONTH_PREFIX}${month}`,
  };
}

interface ItemChange {
  itemKey: ItemKey;
  set: Record<string, string>;
  add: Record<string, number>;
}

function itemChanges(changes: readonly CounterChange[]): ItemChange[] {
  const byItem = new Map<string, ItemChange>();
  for (const change of changes) {
    const itemKey =
      change.kind === 'status'
        ? statusCountersKey(change.municipalityCode)
        : placementMonthKey(change.municipalityCode, change.month);
    const attribute = change.kind === 'status' ? change.status : change.counter;
    const id = `${itemKey.pk}\u0000${itemKey.sk}`;
    const entry = byItem.get(id) ?? {
      itemKey,
      set:
        change.kind === 'status'
          ? { entity: STATUS_ENTITY }
          : {
              entity: MONTH_ENTITY,
              municipalityCode: change.municipalityCode,
              month: change.month,
            },
      add: {},
    };
    entry.add[attribute] = (entry.add[attribute] ?? 0) + change.by;
    byItem.set(id, entry);
  }
  return [...byItem.values()]
    .map((entry) => ({
      ...entry,
      add: Object.fromEntries(Object.entries(entry.add).filter(([, by]) => by !== 0)),
    }))
    .filter(({ add }) => Object.keys(add).length > 0);
}

/**
 * The update actions that apply counter changes: one action per counter item (a transaction
 * may touch an item only once), changes of the same attribute summed, zero changes dropped.
 *
 * @param changes - the changes of one placement write
 */
export function counterActions(changes: readonly CounterChange[]): TransactAction[] {
  return itemChanges(changes).map(({ itemKey, set, add }) => ({
    update: itemKey,
    spec: { set, add },
  }));
}

/**
 * Counter items with absolute values, for seeding and the recount's fix: the same keys and
 * attributes as the transactional updates produce.
 *
 * @param changes - every change the placements would have made
 */
export function counterItems(changes: readonly CounterChange[]): Item[] {
  return itemChanges(changes).map(({ itemKey, set, add }) => ({ ...itemKey, ...set, ...add }));
}

/** A counter's value on a stored counter item (0 when never counted). */
export function counterValue(item: Item | undefined, attribute: string): number {
  const value = item?.[attribute];
  return typeof value === 'number' ? value : 0;
}
