import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item, TransactAction } from '#kernel/table/table';
import type { NetworkGroupKind } from '../domain/network-group.ts';
import type { GroupCounts, MonthCounts, MonthRange } from '../domain/network-stats.ts';

/**
 * A municipality's network counters: one item with the number of groups of each kind, and one
 * item per month with sessions held and attendance, so that a period is a sum of months. Every
 * write that changes a figure adds to its counter in the same transaction.
 */
function statsPartition(municipalityCode: string): string {
  return key(PREFIX.stats, municipalityCode, 'NETWORK');
}

/** Key of the group counters of a municipality. */
export function groupCountsKey(municipalityCode: string): ItemKey {
  return { pk: statsPartition(municipalityCode), sk: 'GROUPS' };
}

/** Key of a month's counters (`month` as `YYYY-MM`). */
export function monthCountsKey(municipalityCode: string, month: string): ItemKey {
  return { pk: statsPartition(municipalityCode), sk: key('MONTH', month) };
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
      set: { entity: 'NetworkGroupCounts', municipalityCode },
      add: kind === 'YOUTH' ? { youthGroups: delta } : { companyGroups: delta },
    },
  };
}

/** The transaction action that adds to a month's counters. */
export function monthCountAction(
  municipalityCode: string,
  month: string,
  delta: MonthCounts,
): TransactAction {
  return {
    update: monthCountsKey(municipalityCode, month),
    spec: {
      set: { entity: 'NetworkMonthCounts', municipalityCode, month },
      add: { ...delta },
    },
  };
}

/** The stored group counters (for seeding). */
export function groupCountsToItem(municipalityCode: string, counts: GroupCounts): Item {
  return {
    ...groupCountsKey(municipalityCode),
    entity: 'NetworkGroupCounts',
    municipalityCode,
    ...counts,
  };
}

/** A stored month counter (for seeding). */
export function monthCountsToItem(
  municipalityCode: string,
  month: string,
  counts: MonthCounts,
): Item {
  return {
    ...monthCountsKey(municipalityCode, month),
    entity: 'NetworkMonthCounts',
    municipalityCode,
    month,
    ...counts,
  };
}

/** Group counters from their item; zero when none exists yet. */
export function groupCountsFromItem(item: Item | undefined): GroupCounts {
  return {
    youthGroups: Number(item?.youthGroups ?? 0),
    companyGroups: Number(item?.companyGroups ?? 0),
  };
}

/** A month's counters from its item. */
export function monthCountsFromItem(item: Item): MonthCounts {
  return {
    sessionsHeld: Number(item.sessionsHeld ?? 0),
    present: Number(item.present ?? 0),
    absent: Number(item.absent ?? 0),
    excused: Number(item.excused ?? 0),
  };
}

/** The query of the month counters a period covers (at most twelve items a year). */
export function monthsQuery(municipalityCode: string, range: MonthRange) {
  const partition = statsPartition(municipalityCode);
  // '~' sorts after every digit, so an open end takes every month after the start.
  const from = key('MONTH', range.fromMonth ?? '');
  const to = key('MONTH', range.toMonth ?? '~');
  return { partition, between: [from, to] as [string, string] };
}
