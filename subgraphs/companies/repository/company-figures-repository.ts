import type { ItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import type { CompanyMonthFigures } from '../domain/company-figures.ts';
import type { CompanyStats } from '../domain/company-stats.ts';
import { companyMonthFromItem, companyMonthKey } from './company-figures-entity.ts';
import { companyStatsFromItem, companyStatsKey } from './company-stats-entity.ts';

/** A municipality's counts by status now and its figures of each month asked for. */
export interface CompanyFiguresOfMonths {
  stats: CompanyStats;
  months: CompanyMonthFigures[];
}

/**
 * The counter item and the month items of several municipalities, through the request's
 * loader: every key in one batched read (100 keys a call), so the cost grows with municipalities
 * times months and never with the companies.
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
  const keys = municipalityCodes.flatMap((code) => [
    companyStatsKey(code),
    ...months.map((month) => companyMonthKey(code, month)),
  ]);
  const items = await loader.loadMany(keys);
  const figures = new Map<string, CompanyFiguresOfMonths>();
  municipalityCodes.forEach((code, index) => {
    const own = items.slice(index * (months.length + 1), (index + 1) * (months.length + 1));
    for (const item of own) if (item instanceof Error) throw item;
    figures.set(code, {
      stats: companyStatsFromItem(own[0] as Parameters<typeof companyStatsFromItem>[0]),
      months: own
        .slice(1)
        .map((item) => companyMonthFromItem(item as Parameters<typeof companyMonthFromItem>[0])),
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
