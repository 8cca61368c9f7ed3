import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item, TransactAction } from '#kernel/table/table';
import { YOUTH_STATUSES, type YouthStatus } from '../domain/youth.ts';
import { emptyCounts, type YouthCounts } from '../domain/youth-stats.ts';

/**
 * A municipality's counts of young people by status: one counter item (`pk MUNI#<code>`,
 * `sk STATS#YOUTH`, one number attribute per status), changed with `ADD` in the same
 * transaction as every enrolment and status change, so the figures never need a count of the
 * young people themselves.
 */

/** The entity name stored on the counter item. */
export const YOUTH_STATS_ENTITY = 'YouthStats';

/** Primary key of a municipality's counter item. */
export function youthStatsKey(municipalityCode: string): ItemKey {
  return {
    pk: key(PREFIX.municipality, municipalityCode),
    sk: key(PREFIX.stats, PREFIX.youth),
  };
}

/**
 * The transaction action that adds to a municipality's counters; null when nothing changes.
 *
 * @param municipalityCode - the municipality
 * @param changes - how much to add to each status (negative to subtract)
 */
export function youthCountsAction(
  municipalityCode: string,
  changes: Partial<Record<YouthStatus, number>>,
): TransactAction | null {
  const add = Object.fromEntries(Object.entries(changes).filter(([, n]) => n !== 0));
  if (Object.keys(add).length === 0) return null;
  return {
    update: youthStatsKey(municipalityCode),
    spec: { set: { entity: YOUTH_STATS_ENTITY, municipalityCode }, add },
  };
}

/** The stored counter item of a municipality (seeding). */
export function youthCountsToItem(municipalityCode: string, counts: YouthCounts): Item {
  return {
    ...youthStatsKey(municipalityCode),
    entity: YOUTH_STATS_ENTITY,
    municipalityCode,
    ...counts,
  };
}

/** The counts of a counter item; zero for a municipality without one. */
export function youthCountsFromItem(item: Item | undefined): YouthCounts {
  const counts = emptyCounts();
  for (const status of YOUTH_STATUSES) counts[status] = Number(item?.[status] ?? 0);
  return counts;
}
