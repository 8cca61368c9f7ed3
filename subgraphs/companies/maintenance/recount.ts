import { monthCounterAttribute } from '#kernel/month-counters';
import type { FigureDifference, RecountReport } from '#kernel/recount-report';
import type { Item, Table } from '#kernel/table/table';
import {
  type CompanyMonthFigures,
  emptyCompanyMonth,
  figuresOfCompanies,
  sumCompanyMonths,
} from '../domain/company-figures.ts';
import { NO_COMPANIES } from '../domain/company-stats.ts';
import { CompanyEntity, companiesOfMunicipality } from '../repository/company-entity.ts';
import { listMunicipalityCodes } from '../repository/company-figures-repository.ts';
import {
  CompanyFiguresEntity,
  companyFiguresItem,
  companyFiguresOf,
  companyStatsKey,
} from '../repository/company-stats-entity.ts';

/**
 * The companies subgraph's recount: the counts by status and the monthly figures of every
 * municipality computed again from its companies (its gsi1 listing) by the same domain functions
 * the writes use, and compared with what its counter item keeps. Maintenance only: it reads
 * whole partitions.
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
    const companies = await CompanyEntity.readAll(
      table,
      companiesOfMunicipality(code, undefined).query,
    );
    const recount = figuresOfCompanies(companies).get(code);
    const counts = recount?.counts ?? { ...NO_COMPANIES };
    const months = recount?.months ?? new Map<string, CompanyMonthFigures>();
    const statsKey = companyStatsKey(code);
    const kept = companyFiguresOf(await CompanyFiguresEntity.read(table, statsKey));
    // Set when a count or a month's joinings differs: those the recount can correct.
    let correctable = false;
    for (const counter of ['active', 'paused', 'left'] as const) {
      if (kept.counts[counter] !== counts[counter]) {
        correctable = true;
        differences.push({
          key: statsKey,
          counter,
          kept: kept.counts[counter],
          recounted: counts[counter],
        });
      }
    }
    itemsCompared += 1;
    const keptMonths = kept.months;
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
          key: statsKey,
          counter: `${counter}Change (all months)`,
          kept: net[counter],
          recounted: counts[counter],
        });
      }
    }
    // Joinings are dated on the company; pauses, resumes and leavings before the present
    // status leave no trace on it, so only joinings are recounted month by month.
    const correctedMonths = new Map<string, CompanyMonthFigures>();
    for (const month of new Set([...months.keys(), ...keptMonths.keys()])) {
      const recounted = months.get(month) ?? emptyCompanyMonth();
      const keptMonth = keptMonths.get(month) ?? emptyCompanyMonth();
      correctedMonths.set(month, { ...keptMonth, joined: recounted.joined });
      itemsCompared += 1;
      if (keptMonth.joined === recounted.joined) continue;
      correctable = true;
      differences.push({
        key: statsKey,
        counter: monthCounterAttribute(month, 'joined'),
        kept: keptMonth.joined,
        recounted: recounted.joined,
      });
    }
    // The counter item is rewritten whole: the recounted counts and joinings, the other month
    // counters as kept (a net change that does not add up is reported, not guessed at).
    if (correctable) {
      corrections.push(companyFiguresItem(code, { counts, months: correctedMonths }));
    }
  }
  if (options.fix && corrections.length > 0) await table.putMany(corrections);
  return { itemsCompared, differences, fixed: Boolean(options.fix) && corrections.length > 0 };
}
