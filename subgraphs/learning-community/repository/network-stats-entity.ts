import { type ItemKey, key, PREFIX } from '#kernel/keys';
import {
  counterItemAction,
  type MonthCounterChange,
  monthCounterAttributes,
  monthFiguresOf,
} from '#kernel/month-counters';
import type { Item, TransactAction } from '#kernel/table/table';
import type { NetworkGroupKind } from '../domain/network-group.ts';
import { type GroupCounts, MONTH_COUNTERS, type MonthCounts } from '../domain/network-stats.ts';

/**
 * A municipality's network counters: one item with the number of groups of each kind, which
 * also holds each month's sessions held and attendance (`#kernel/month-counters`), so that a
 * period is a sum of months read from one item. Every write that changes a figure adds to its
 * counter in the same transaction. A transaction may touch the item only once: creating a
 * group counts the group, recording attendance moves a month, and no write does both.
 */
function statsPartition(municipalityCode: string): string {
  return key(PREFIX.stats, municipalityCode, 'NETWORK');
}

/** Key of the counter item of a municipality: its group counts and its month counters. */
export function groupCountsKey(municipalityCode: string): ItemKey {
  return { pk: statsPartition(municipalityCode), sk: 'GROUPS' };
}

/** The attributes that name the counter item, set by every update of it. */
function counterItemNames(municipalityCode: string) {
  return { entity: 'NetworkGroupCounts', municipalityCode };
}

/** The transaction action that counts a group created (+1) or removed (-1). */
export function groupCountAction(
  municipalityCode: string,
  kind: NetworkGroupKind,
  delta: number,
): TransactAction {
  return {
    update: groupCountsKey(municipalityCode),
    spec: {
      set: counterItemNames(municipalityCode),
      add: kind === 'YOUTH' ? { youthGroups: delta } : { companyGroups: delta },
    },
  };
}

/**
 * The transaction action that adds to a month's counters on the counter item; null when the
 * recording moves no counter (the same attendance recorded again).
 */
export function monthCountAction(
  municipalityCode: string,
  month: string,
  delta: MonthCounts,
): TransactAction | null {
  return counterItemAction(
    groupCountsKey(municipalityCode),
    counterItemNames(municipalityCode),
    {},
    [{ month, add: { ...delta } }],
  );
}

/**
 * The counter item as the writes leave it (for seeding and the recount's corrections).
 *
 * @param municipalityCode - the municipality
 * @param counts - its group counts
 * @param months - what every recorded session added to its month
 */
export function networkCountsToItem(
  municipalityCode: string,
  counts: GroupCounts,
  months: readonly MonthCounterChange[],
): Item {
  return {
    ...groupCountsKey(municipalityCode),
    ...counterItemNames(municipalityCode),
    ...counts,
    ...monthCounterAttributes(months),
  };
}

/** Group counters from their item; zero when none exists yet. */
export function groupCountsFromItem(item: Item | undefined): GroupCounts {
  return {
    youthGroups: Number(item?.youthGroups ?? 0),
    companyGroups: Number(item?.companyGroups ?? 0),
  };
}

/**
 * Every month's counters on the counter item, by `YYYY-MM`, in one pass over its attributes;
 * a month nothing was recorded in is absent.
 */
export function monthCountsFromItem(item: Item | undefined): Map<string, MonthCounts> {
  return monthFiguresOf(item, MONTH_COUNTERS);
}
