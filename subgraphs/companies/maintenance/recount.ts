import type { ItemKey } from '#kernel/keys';
import { monthCounterAttribute } from '#kernel/month-counters';
import {
  type FigureDifference,
  type MunicipalityRecount,
  type RecountReport,
  recountMunicipalities,
} from '#kernel/recount-report';
import type { Table } from '#kernel/table/table';
import {
  type CompanyMonthFigures,
  figuresOfCompanies,
  sumCompanyMonths,
} from '../domain/company-figures.ts';
import { NO_COMPANIES } from '../domain/company-stats.ts';
import { CompanyEntity, companiesOfMunicipality } from '../repository/company-entity.ts';
import { listMunicipalityCodes } from '../repository/company-figures-repository.ts';
import {
  CompanyFiguresEntity,
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
 * @param options - `fix`: add to the kept figures what they lack (`addCorrection`)
 */
export async function recountCompanyFigures(
  table: Table,
  options: { fix?: boolean } = {},
): Promise<RecountReport> {
  const codes = await listMunicipalityCodes(table);
  return recountMunicipalities(table, codes, (code) => recountMunicipality(table, code), options);
}

const STATUS_COUNTERS = ['active', 'paused', 'left'] as const;

/** One municipality's comparison, and its counter item rewritten when a difference is one the recount can correct. */
async function recountMunicipality(table: Table, code: string): Promise<MunicipalityRecount> {
  const statsKey = companyStatsKey(code);
  // The kept figures first: see `MunicipalityRecount`.
  const kept = companyFiguresOf(await CompanyFiguresEntity.read(table, statsKey));
  const companies = await CompanyEntity.readAll(
    table,
    companiesOfMunicipality(code, undefined).query,
  );
  const recount = figuresOfCompanies(companies).get(code);
  const counts = recount?.counts ?? { ...NO_COMPANIES };
  const countDifferences = STATUS_COUNTERS.filter((c) => kept.counts[c] !== counts[c]).map(
    (counter): FigureDifference => ({
      key: statsKey,
      counter,
      kept: kept.counts[counter],
      recounted: counts[counter],
    }),
  );
  const joinings = recountJoinings(
    statsKey,
    kept.months,
    recount?.months ?? new Map<string, CompanyMonthFigures>(),
  );
  const differences = [
    ...countDifferences,
    ...netChangeDifferences(statsKey, kept.months, counts),
    ...joinings.differences,
  ];
  const itemsCompared = 1 + joinings.monthsCompared;
  // Counts and joinings are what the recount can correct; a net change that does not add up is
  // reported, not guessed at.
  const correctable = [...countDifferences, ...joinings.differences];
  if (correctable.length === 0) return { differences, itemsCompared };
  const names = { entity: CompanyFiguresEntity.name, municipalityCode: code };
  return {
    differences,
    itemsCompared,
    correction: { key: statsKey, names, differences: correctable },
  };
}

/** The net changes of all months must add up to the counts now. */
function netChangeDifferences(
  statsKey: ItemKey,
  keptMonths: ReadonlyMap<string, CompanyMonthFigures>,
  counts: Record<(typeof STATUS_COUNTERS)[number], number>,
): FigureDifference[] {
  const netKept = sumCompanyMonths([...keptMonths.values()]);
  const net = {
    active: netKept.activeChange,
    paused: netKept.pausedChange,
    left: netKept.leftChange,
  };
  return STATUS_COUNTERS.filter((c) => net[c] !== counts[c]).map((counter) => ({
    key: statsKey,
    counter: `${counter}Change (all months)`,
    kept: net[counter],
    recounted: counts[counter],
  }));
}

/**
 * Joinings are dated on the company; pauses, resumes and leavings before the present status
 * leave no trace on it, so only joinings are recounted month by month.
 */
function recountJoinings(
  statsKey: ItemKey,
  keptMonths: ReadonlyMap<string, CompanyMonthFigures>,
  months: ReadonlyMap<string, CompanyMonthFigures>,
): { differences: FigureDifference[]; monthsCompared: number } {
  const differences: FigureDifference[] = [];
  const compared = new Set([...months.keys(), ...keptMonths.keys()]);
  for (const month of compared) {
    const recounted = months.get(month)?.joined ?? 0;
    const kept = keptMonths.get(month)?.joined ?? 0;
    if (kept === recounted) continue;
    differences.push({
      key: statsKey,
      counter: monthCounterAttribute(month, 'joined'),
      kept,
      recounted,
    });
  }
  return { differences, monthsCompared: compared.size };
}
