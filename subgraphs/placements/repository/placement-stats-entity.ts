import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item, TransactAction } from '#kernel/table/table';
import type { OutcomeKind, PlacementStatus } from '../domain/placement.ts';

/**
 * Counter items of a municipality's placement figures. They are changed in the same
 * transaction as the placement write that changes the figure, so the figures are exact and
 * reading them never reads the placements.
 *
 * - one item of counts by current status (`PLACEMENTS#STATUS`);
 * - one item a day of the flow (`PLACEMENTS#DAY#2026-11-23`): placements started, completed
 *   and interrupted that day, and outcomes by kind, so that the figures of any period are one
 *   query over the days in it.
 */

/** Partition of a municipality's statistics (shared with other subgraphs' figures by sort key). */
export function municipalityStatsPartition(municipalityCode: string): string {
  return key(PREFIX.stats, PREFIX.municipality, municipalityCode);
}

const DAY_PREFIX = 'PLACEMENTS#DAY#';

/** Key of the counts of a municipality's placements by current status. */
export function statusCountersKey(municipalityCode: string): ItemKey {
  return { pk: municipalityStatsPartition(municipalityCode), sk: 'PLACEMENTS#STATUS' };
}

/** Key of one day's flow counts of a municipality's placements. */
export function dailyFlowKey(municipalityCode: string, date: string): ItemKey {
  return { pk: municipalityStatsPartition(municipalityCode), sk: `${DAY_PREFIX}${date}` };
}

/** The sort key range of the days of a period, both ends included. */
export function dailyFlowRange(from: string, to: string): [string, string] {
  return [`${DAY_PREFIX}${from}`, `${DAY_PREFIX}${to}`];
}

/** Attribute of a day's flow item that counts a flow event. */
export type FlowCounter = 'STARTED' | 'COMPLETED' | 'INTERRUPTED' | `OUTCOME_${OutcomeKind}`;

/** One change of one counter. */
export type CounterChange =
  | { kind: 'status'; municipalityCode: string; status: PlacementStatus; by: number }
  | { kind: 'flow'; municipalityCode: string; date: string; counter: FlowCounter; by: number };

/**
 * The update actions that apply counter changes: one action per counter item (a transaction
 * may touch an item only once), changes of the same attribute summed, zero changes dropped.
 *
 * @param changes - the changes of one placement write
 */
export function counterActions(changes: readonly CounterChange[]): TransactAction[] {
  const byItem = new Map<
    string,
    { itemKey: ItemKey; entity: string; add: Record<string, number> }
  >();
  for (const change of changes) {
    const itemKey =
      change.kind === 'status'
        ? statusCountersKey(change.municipalityCode)
        : dailyFlowKey(change.municipalityCode, change.date);
    const attribute = change.kind === 'status' ? change.status : change.counter;
    const id = `${itemKey.pk}\u0000${itemKey.sk}`;
    const entry = byItem.get(id) ?? {
      itemKey,
      entity: change.kind === 'status' ? 'PlacementStatusCounters' : 'PlacementDailyFlow',
      add: {},
    };
    entry.add[attribute] = (entry.add[attribute] ?? 0) + change.by;
    byItem.set(id, entry);
  }
  return [...byItem.values()]
    .map(({ itemKey, entity, add }) => ({
      itemKey,
      entity,
      add: Object.fromEntries(Object.entries(add).filter(([, by]) => by !== 0)),
    }))
    .filter(({ add }) => Object.keys(add).length > 0)
    .map(({ itemKey, entity, add }) => ({ update: itemKey, spec: { set: { entity }, add } }));
}

/**
 * Counter items with absolute values, for seeding: the same keys and attributes as the
 * transactional updates produce.
 *
 * @param changes - every change the seeded placements would have made
 */
export function counterItems(changes: readonly CounterChange[]): Item[] {
  return counterActions(changes).map((action) => {
    if (!('update' in action)) throw new Error('Counter actions are updates');
    return { ...action.update, ...action.spec.set, ...action.spec.add };
  });
}

/** A counter's value on a stored counter item (0 when never counted). */
export function counterValue(item: Item | undefined, attribute: string): number {
  const value = item?.[attribute];
  return typeof value === 'number' ? value : 0;
}
