import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { monthCounterAttribute } from '#kernel/month-counters';
import type { UpdateSpec } from '#kernel/table/expressions';
import type { Item, TransactAction } from '#kernel/table/table';
import type { CounterChange } from '../domain/placement-figures.ts';

export type { CounterChange } from '../domain/placement-figures.ts';

/**
 * The counter item of a municipality's placement figures (`STATS#MUNI#<code>` /
 * `PLACEMENTS#STATUS`). It is changed (`ADD`) in the same transaction as the placement write that
 * changes a figure, so the figures are exact and reading them never reads the placements. It
 * holds:
 *
 * - the counts by current status (`ACTIVE`, ...);
 * - every month's counters as `<YYYY-MM>#<counter>` (`#kernel/month-counters`): started,
 *   extended, completed, interrupted, outcomes by kind, retention follow-ups kept and lost, and
 *   the first placements with their histogram of weeks from enrolment (`FIRST_WEEK_<n>`).
 *
 * A period of every municipality is then one batched read of one item per municipality, however
 * many months it spans.
 */

/** Partition of a municipality's statistics (shared with other subgraphs' figures by sort key). */
export function municipalityStatsPartition(municipalityCode: string): string {
  return key(PREFIX.stats, PREFIX.municipality, municipalityCode);
}

const STATUS_ENTITY = 'PlacementStatusCounters';

/** Key of the counter item of a municipality's placements: counts by status and month counters. */
export function statusCountersKey(municipalityCode: string): ItemKey {
  return { pk: municipalityStatsPartition(municipalityCode), sk: 'PLACEMENTS#STATUS' };
}

interface ItemChange {
  itemKey: ItemKey;
  add: Record<string, number>;
}

/** The changes by counter item: every change of a municipality goes to its one item. */
function itemChanges(changes: readonly CounterChange[]): ItemChange[] {
  const byMunicipality = new Map<string, ItemChange>();
  for (const change of changes) {
    const attribute =
      change.kind === 'status'
        ? change.status
        : monthCounterAttribute(change.month, change.counter);
    const entry = byMunicipality.get(change.municipalityCode) ?? {
      itemKey: statusCountersKey(change.municipalityCode),
      add: {},
    };
    entry.add[attribute] = (entry.add[attribute] ?? 0) + change.by;
    byMunicipality.set(change.municipalityCode, entry);
  }
  return [...byMunicipality.values()]
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
  return itemChanges(changes).map(({ itemKey, add }) => ({
    update: itemKey,
    spec: { set: { entity: STATUS_ENTITY }, add },
  }));
}

/**
 * Counter items with absolute values, for seeding and the recount: the same keys and
 * attributes as the transactional updates produce.
 *
 * @param changes - every change the placements would have made
 */
export function counterItems(changes: readonly CounterChange[]): Item[] {
  return itemChanges(changes).map(({ itemKey, add }) => ({
    ...itemKey,
    entity: STATUS_ENTITY,
    ...add,
  }));
}

/**
 * The update that sets some counters of a counter item to the values a recount found. Only those
 * attributes are written, so a fix never undoes what writes add to the others meanwhile.
 *
 * @param values - the recounted value of each counter that differs, by attribute
 */
export function counterCorrection(values: Readonly<Record<string, number>>): UpdateSpec {
  return { set: { entity: STATUS_ENTITY, ...values } };
}

/** A counter's value on a stored counter item (0 when never counted). */
export function counterValue(item: Item | undefined, attribute: string): number {
  const value = item?.[attribute];
  return typeof value === 'number' ? value : 0;
}
