import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { counterItemAction, monthCounterAttributes, monthFiguresOf } from '#kernel/month-counters';
import type { Item, TransactAction } from '#kernel/table/table';
import {
  COMPANY_MONTH_COUNTERS,
  type CompanyMonthChange,
  type CompanyMonthFigures,
} from '../domain/company-figures.ts';
import type { CompanyStats, CompanyStatsChange } from '../domain/company-stats.ts';

/**
 * A municipality's company figures: one counter item (`pk MUNI#<code>`, `sk STATS#COMPANY`) with
 * a number attribute per status (the counts now) and one per month and counter
 * (`2026-11#joined`, see `#kernel/month-counters`). Every join, pause, resume and leave adds to
 * it with `ADD` in its own transaction, so the figures never need a count of the companies, and
 * any period of a municipality's figures is this one item.
 */

/** The entity name stored on the counter item. */
const COMPANY_STATS_ENTITY = 'CompanyStats';

/** Primary key of a municipality's counter item. */
export function companyStatsKey(municipalityCode: string): ItemKey {
  return {
    pk: key(PREFIX.municipality, municipalityCode),
    sk: key(PREFIX.stats, PREFIX.company),
  };
}

/**
 * The one transaction action that adds a write's changes to a municipality's counter item (a
 * transaction may touch an item only once); null when nothing changes.
 *
 * @param municipalityCode - the municipality
 * @param counts - how much to add to each count (negative to subtract)
 * @param months - what to add to months' counters
 */
export function companyFiguresAction(
  municipalityCode: string,
  counts: CompanyStatsChange,
  months: readonly CompanyMonthChange[],
): TransactAction | null {
  return counterItemAction(
    companyStatsKey(municipalityCode),
    { entity: COMPANY_STATS_ENTITY, municipalityCode },
    counts as Record<string, number>,
    months.map(({ month, add }) => ({ month, add: add as Record<string, number> })),
  );
}

/** The stored counter item of a municipality with given figures (seeding, recount `--fix`). */
export function companyFiguresToItem(
  municipalityCode: string,
  counts: CompanyStats,
  months: ReadonlyMap<string, CompanyMonthFigures>,
): Item {
  return {
    ...companyStatsKey(municipalityCode),
    entity: COMPANY_STATS_ENTITY,
    municipalityCode,
    ...counts,
    ...monthCounterAttributes(
      [...months].map(([month, figures]) => ({ month, add: { ...figures } })),
    ),
  };
}

/** The counts of a counter item; zero for counts never added to. */
export function companyStatsFromItem(item: Item | undefined): CompanyStats {
  return {
    active: Number(item?.active ?? 0),
    paused: Number(item?.paused ?? 0),
    left: Number(item?.left ?? 0),
  };
}

/** Every month's figures on a counter item, by month (`YYYY-MM`); months never counted absent. */
export function companyMonthsFromItem(item: Item | undefined): Map<string, CompanyMonthFigures> {
  return monthFiguresOf(item, COMPANY_MONTH_COUNTERS);
}
