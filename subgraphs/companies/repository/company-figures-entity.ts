import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item, TransactAction } from '#kernel/table/table';
import {
  COMPANY_MONTH_COUNTERS,
  type CompanyMonthChange,
  type CompanyMonthFigures,
  emptyCompanyMonth,
} from '../domain/company-figures.ts';

/**
 * A municipality's monthly company figures: `MUNI#<code>` / `STATS#COMPANY#MONTH#<YYYY-MM>`,
 * next to the counter item (`STATS#COMPANY`), added to in the same transaction as every join,
 * pause, resume and leave.
 */

/** The entity name stored on a month item. */
export const COMPANY_MONTH_ENTITY = 'CompanyMonthFigures';

/** The sort key prefix of a municipality's month items. */
export const COMPANY_MONTH_PREFIX = `${key(PREFIX.stats, PREFIX.company, 'MONTH')}#`;

/** Primary key of a municipality's company figures of one month (`YYYY-MM`). */
export function companyMonthKey(municipalityCode: string, month: string): ItemKey {
  return {
    pk: key(PREFIX.municipality, municipalityCode),
    sk: `${COMPANY_MONTH_PREFIX}${month}`,
  };
}

/** The transaction action that adds a change to a month's counters. */
export function companyMonthAction(
  municipalityCode: string,
  change: CompanyMonthChange,
): TransactAction {
  return {
    update: companyMonthKey(municipalityCode, change.month),
    spec: {
      set: { entity: COMPANY_MONTH_ENTITY, municipalityCode, month: change.month },
      add: change.add as Record<string, number>,
    },
  };
}

/** A stored month item with given figures (seeding, recount with `--fix`). */
export function companyMonthToItem(
  municipalityCode: string,
  month: string,
  figures: CompanyMonthFigures,
): Item {
  return {
    ...companyMonthKey(municipalityCode, month),
    entity: COMPANY_MONTH_ENTITY,
    municipalityCode,
    month,
    ...figures,
  };
}

/** The figures of a month item; zero for a month without one. */
export function companyMonthFromItem(item: Item | undefined): CompanyMonthFigures {
  const figures = emptyCompanyMonth();
  for (const counter of COMPANY_MONTH_COUNTERS) figures[counter] = Number(item?.[counter] ?? 0);
  return figures;
}
