import type { ItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import { type CompanyMonthFigures, emptyCompanyMonth } from '../domain/company-figures.ts';
import type { CompanyStats } from '../domain/company-stats.ts';
import {
  companyMonthsFromItem,
  companyStatsFromItem,
  companyStatsKey,
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
  const items = await loader.loadMany(municipalityCodes.map(companyStatsKey));
  const figures = new Map<string, CompanyFiguresOfMonths>();
  municipalityCodes.forEach((code, index) => {
    const item = items[index];
    if (item instanceof Error) throw item;
    const kept = companyMonthsFromItem(item);
    figures.set(code, {
      stats: companyStatsFromItem(item),
      months: months.map((month) => kept.get(month) ?? emptyCompanyMonth()),
    });
  });
  return figures;
}

/**
 * The codes of every municipality running NEXTWORK (the people subgraph's listing of
 * municipalities, gsi1 `MUNICIPALITIES`): one query, for the programme total.
 */
export async function listMunicipalityCodes(table: Table): Promise<string[]> {
  const items = await table.queryAll({ index: 'gsi1', partition: 'MUNICIPALITIES' });
  return items.map((item) => String(item.code));
}
