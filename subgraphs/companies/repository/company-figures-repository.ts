import type { ItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import type { UnitOfWork } from '#kernel/unit-of-work';
import type { Company } from '../domain/company.ts';
import {
  type CompanyMonthFigures,
  companyMonthChange,
  emptyCompanyMonth,
} from '../domain/company-figures.ts';
import { type CompanyStats, companyStatsChange } from '../domain/company-stats.ts';
import {
  CompanyFiguresEntity,
  companyFiguresOf,
  companyStatsKey,
  countCompanyFigures,
} from './company-stats-entity.ts';

/** A municipality's counts by status now and its figures of each month asked for. */
export interface CompanyFiguresOfMonths {
  stats: CompanyStats;
  months: CompanyMonthFigures[];
}

/**
 * The figures of several municipalities over some months, through the request's loader: one
 * counter item per municipality, all in one batched read (100 keys a call), so the cost grows
 * with neither the companies nor the number of months.
 *
 * @param loader - the request's loader
 * @param municipalityCodes - the municipalities
 * @param months - the months, `YYYY-MM`
 */
export async function loadCompanyFigures(
  loader: ItemLoader,
  municipalityCodes: readonly string[],
  months: readonly string[],
): Promise<Map<string, CompanyFiguresOfMonths>> {
  const items = await CompanyFiguresEntity.load(loader, municipalityCodes.map(companyStatsKey));
  const figures = new Map<string, CompanyFiguresOfMonths>();
  municipalityCodes.forEach((code, index) => {
    const kept = companyFiguresOf(items[index]);
    figures.set(code, {
      stats: kept.counts,
      months: months.map((month) => kept.months.get(month) ?? emptyCompanyMonth()),
    });
  });
  return figures;
}

/**
 * The codes of every municipality running NEXTWORK: the people subgraph's listing of
 * municipalities (gsi1 `MUNICIPALITIES`), of which only `code` is read. One query, for the
 * programme total; the items are people's, so they are read as the listing, not as an entity
 * of this subgraph.
 */
export async function listMunicipalityCodes(table: Table): Promise<string[]> {
  const items = await table.queryAll({ index: 'gsi1', partition: 'MUNICIPALITIES' });
  return items.map((item) => String(item.code));
}

/**
 * Stages what a company joining (`before` undefined) or changing status adds to its
 * municipality's counts and monthly figures; nothing when its status stays.
 *
 * @param work - the unit of work
 * @param before - the company as read, undefined when it joins
 * @param after - the company as it is to be
 * @param today - today's date, ISO: the day a resume counts in the monthly figures
 */
export function countCompanyChange(
  work: UnitOfWork,
  before: Company | undefined,
  after: Company,
  today: string,
): void {
  const month = companyMonthChange(before, after, today);
  countCompanyFigures(
    work,
    after.municipalityCode,
    companyStatsChange(before?.status, after.status),
    month ? [month] : [],
  );
}
