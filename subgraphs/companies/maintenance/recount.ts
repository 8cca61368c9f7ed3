import type { Item, Table } from '#kernel/table/table';
import type { FigureDifference, RecountReport } from '#people/maintenance/recount';
import {
  type CompanyMonthFigures,
  companyLifetimeChanges,
  emptyCompanyMonth,
  sumCompanyMonths,
} from '../domain/company-figures.ts';
import { type CompanyStats, NO_COMPANIES } from '../domain/company-stats.ts';
import { companiesOfMunicipality, companyFromItem } from '../repository/company-entity.ts';
import {
  COMPANY_MONTH_PREFIX,
  companyMonthFromItem,
  companyMonthToItem,
} from '../repository/company-figures-entity.ts';
import { listMunicipalityCodes } from '../repository/company-figures-repository.ts';
import {
  companyStatsFromItem,
  companyStatsKey,
  companyStatsToItem,
} from '../repository/company-stats-entity.ts';

/**
 * The companies subgraph's recount: the counts by status and the monthly figures of every
 * municipality computed again from its companies (its gsi1 listing) by the same domain functions
 * the writes use, and compared with what is kept. Maintenance only: it reads whole partitions.
 *
 * A company keeps no history of its statuses, only the present one, so the recount checks what
 * that allows: the counts by status, the companies that joined in each month (their joining
 * date), and that the net changes of all months add up to the counts now.
 *
 * @param table - the table
 * @param options - `fix`: write the recounted figures over the kept ones where they differ
 */
export async function recountCompanyFigures(
  table: Table,
  options: { fix?: boolean } = {},
): Promise<RecountReport> {
  const differences: FigureDifference[] = [];
  const corrections: Item[] = [];
  let itemsCompared = 0;
  for (const code of await listMunicipalityCodes(table)) {
    const companies = (await table.queryAll(companiesOfMunicipality(code, undefined).query)).map(
      companyFromItem,
    );
    const counts: CompanyStats = { ...NO_COMPANIES };
    const months = new Map<string, CompanyMonthFigures>();
    for (const company of companies) {
      counts[
        company.status === 'ACTIVE' ? 'active' : company.status === 'PAUSED' ? 'paused' : 'left'
      ] += 1;
      for (const { month, add } of companyLifetimeChanges(company)) {
        const figures = months.get(month) ?? emptyCompanyMonth();
        for (const [counter, n] of Object.entries(add) as Array<
          [keyof CompanyMonthFigures, number]
        >) {
          figures[counter] += n;
        }
        months.set(month, figures);
      }
    }
    const kept = companyStatsFromItem(await table.get(companyStatsKey(code)));
    for (const counter of ['active', 'paused', 'left'] as const) {
      if (kept[counter] !== counts[counter]) {
        differences.push({
          key: companyStatsKey(code),
          counter,
          kept: kept[counter],
          recounted: counts[counter],
        });
      }
    }
    if (
      differences.some(
        ({ key }) => key.sk === companyStatsKey(code).sk && key.pk === companyStatsKey(code).pk,
      )
    ) {
      corrections.push(companyStatsToItem(code, counts));
    }
    itemsCompared += 1;
    const keptMonths = new Map(
      (
        await table.queryAll({
          partition: companyStatsKey(code).pk,
          beginsWith: COMPANY_MONTH_PREFIX,
        })
      ).map((item) => [String(item.month), companyMonthFromItem(item)]),
    );
    // The net changes of all months add up to the counts now.
    const netKept = sumCompanyMonths([...keptMonths.values()]);
    const net = {
      active: netKept.activeChange,
      paused: netKept.pausedChange,
      left: netKept.leftChange,
    };
    for (const counter of ['active', 'paused', 'left'] as const) {
      if (net[counter] !== counts[counter]) {
        differences.push({
          key: { pk: companyStatsKey(code).pk, sk: COMPANY_MONTH_PREFIX },
          counter: `${counter}Change (all months)`,
          kept: net[counter],
          recounted: counts[counter],
        });
      }
    }
    // Joinings are dated on the company; pauses, resumes and leavings before the present
    // status leave no trace on it, so only joinings are recounted month by month.
    for (const month of new Set([...months.keys(), ...keptMonths.keys()])) {
      const recounted = months.get(month) ?? emptyCompanyMonth();
      const keptMonth = keptMonths.get(month) ?? emptyCompanyMonth();
      itemsCompared += 1;
      if (keptMonth.joined === recounted.joined) continue;
      const item = companyMonthToItem(code, month, { ...keptMonth, joined: recounted.joined });
      corrections.push(item);
      differences.push({
        key: { pk: item.pk, sk: item.sk },
        counter: 'joined',
        kept: keptMonth.joined,
        recounted: recounted.joined,
      });
    }
  }
  if (options.fix && corrections.length > 0) await table.putMany(corrections);
  return { itemsCompared, differences, fixed: Boolean(options.fix) && corrections.length > 0 };
}
