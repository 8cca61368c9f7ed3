import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { monthCounterAttributes, monthFiguresOf } from '#kernel/month-counters';
import type { Item } from '#kernel/table/table';
import type { UnitOfWork } from '#kernel/unit-of-work';
import { YOUTH_STATUSES, type YouthStatus } from '../domain/youth.ts';
import {
  YOUTH_MONTH_COUNTERS,
  type YouthMonthChange,
  type YouthMonthFigures,
} from '../domain/youth-figures.ts';
import { emptyCounts, type YouthCounts } from '../domain/youth-stats.ts';

/**
 * A municipality's figures of young people: one counter item (`pk MUNI#<code>`,
 * `sk STATS#YOUTH`) with a number attribute per status (the counts now) and one per month and
 * counter (`2026-11#ENTERED_PLACEMENT`, see `#kernel/month-counters`). Every enrolment and status
 * change adds to it with `ADD` in its own transaction, so the figures never need a count of the
 * young people, and any period of a municipality's figures is this one item.
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
 * Stages what a write adds to a municipality's counter item: one `ADD` in the unit's
 * transaction, however many changes of the unit add to it.
 *
 * @param work - the unit of work
 * @param municipalityCode - the municipality
 * @param counts - how much to add to each status (negative to subtract)
 * @param months - what to add to months' counters (see `mergeMonthChanges`)
 */
export function countYouthFigures(
  work: UnitOfWork,
  municipalityCode: string,
  counts: Partial<Record<YouthStatus, number>>,
  months: readonly YouthMonthChange[],
): void {
  work.count(
    youthStatsKey(municipalityCode),
    { entity: YOUTH_STATS_ENTITY, municipalityCode },
    counts as Record<string, number>,
    months.map(({ month, add }) => ({ month, add: add as Record<string, number> })),
  );
}

/** The stored counter item of a municipality with given figures (seeding, recount `--fix`). */
export function youthFiguresToItem(
  municipalityCode: string,
  counts: YouthCounts,
  months: ReadonlyMap<string, YouthMonthFigures>,
): Item {
  return {
    ...youthStatsKey(municipalityCode),
    entity: YOUTH_STATS_ENTITY,
    municipalityCode,
    ...counts,
    ...monthCounterAttributes(
      [...months].map(([month, figures]) => ({ month, add: { ...figures } })),
    ),
  };
}

/** The counts of a counter item; zero for a municipality without one. */
export function youthCountsFromItem(item: Item | undefined): YouthCounts {
  const counts = emptyCounts();
  for (const status of YOUTH_STATUSES) counts[status] = Number(item?.[status] ?? 0);
  return counts;
}

/** Every month's figures on a counter item, by month (`YYYY-MM`); months never counted absent. */
export function youthMonthsFromItem(item: Item | undefined): Map<string, YouthMonthFigures> {
  return monthFiguresOf(item, YOUTH_MONTH_COUNTERS);
}
