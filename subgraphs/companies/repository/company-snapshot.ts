import type { Item, Table } from '#kernel/table/table';
import type { Company } from '../domain/company.ts';
import type { CompanyContact } from '../domain/company-contact.ts';
import {
  type CompanyMonthFigures,
  companyLifetimeChanges,
  emptyCompanyMonth,
} from '../domain/company-figures.ts';
import { type CompanyStats, companyStatsChange, NO_COMPANIES } from '../domain/company-stats.ts';
import type { PlacementOpportunity } from '../domain/placement-opportunity.ts';
import { contactToItem } from './company-contact-entity.ts';
import { companyToItem } from './company-entity.ts';
import { companyFiguresAction, companyFiguresToItem } from './company-stats-entity.ts';
import { cvrRegistrationToItem } from './cvr-registration-entity.ts';
import { opportunityToItem } from './placement-opportunity-entity.ts';

/** A company with everything stored about it: for loading data (seeding, test fixtures). */
export interface CompanySnapshot {
  company: Company;
  contacts: CompanyContact[];
  opportunities: PlacementOpportunity[];
}

/**
 * Every item of a company as the mutations would have written them: the company, its CVR
 * reservation, its contacts and its opportunities (open ones on the open index).
 */
export function companySnapshotItems(snapshot: CompanySnapshot): Item[] {
  return [
    companyToItem(snapshot.company),
    cvrRegistrationToItem(snapshot.company.cvr, snapshot.company.id),
    ...snapshot.contacts.map((contact) => contactToItem(contact, snapshot.company)),
    ...snapshot.opportunities.map((opportunity) =>
      opportunityToItem(opportunity, snapshot.company),
    ),
  ];
}

/** A municipality's counts by status and monthly figures, computed from its companies. */
interface MunicipalityFigures {
  counts: CompanyStats;
  months: Map<string, CompanyMonthFigures>;
}

/**
 * Every municipality's figures as the mutations would have kept them: the companies counted by
 * status, and each company's lifetime changes added up per month.
 */
function figuresByMunicipality(companies: readonly Company[]): Map<string, MunicipalityFigures> {
  const byMunicipality = new Map<string, MunicipalityFigures>();
  for (const company of companies) {
    const figures = byMunicipality.get(company.municipalityCode) ?? {
      counts: { ...NO_COMPANIES },
      months: new Map<string, CompanyMonthFigures>(),
    };
    byMunicipality.set(company.municipalityCode, figures);
    for (const [count, change] of Object.entries(companyStatsChange(undefined, company.status))) {
      figures.counts[count as keyof CompanyStats] += change ?? 0;
    }
    for (const { month, add } of companyLifetimeChanges(company)) {
      const monthFigures = figures.months.get(month) ?? emptyCompanyMonth();
      for (const [counter, n] of Object.entries(add) as Array<
        [keyof CompanyMonthFigures, number]
      >) {
        monthFigures[counter] += n;
      }
      figures.months.set(month, monthFigures);
    }
  }
  return byMunicipality;
}

/**
 * The counter items of the municipalities of some companies, their counts and monthly figures
 * computed from the companies by the same rules as the mutations (seeding).
 */
export function companyFiguresItems(companies: readonly Company[]): Item[] {
  return [...figuresByMunicipality(companies)].map(([code, { counts, months }]) =>
    companyFiguresToItem(code, counts, months),
  );
}

/**
 * Adds whole companies to a table that may hold others already (test fixtures, maintenance —
 * never a request path): all their items without conditions, and their statuses added to their
 * municipalities' counts and monthly figures, one update of each counter item.
 *
 * @param table - the table
 * @param snapshots - the companies
 */
export async function addCompanySnapshots(
  table: Table,
  snapshots: readonly CompanySnapshot[],
): Promise<void> {
  await table.putMany(snapshots.flatMap(companySnapshotItems));
  const figures = figuresByMunicipality(snapshots.map(({ company }) => company));
  await Promise.all(
    [...figures].map(async ([code, { counts, months }]) => {
      const action = companyFiguresAction(
        code,
        counts,
        [...months].map(([month, add]) => ({ month, add })),
      );
      if (action) await table.transact([action]);
    }),
  );
}
