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
import { companyMonthAction, companyMonthToItem } from './company-figures-entity.ts';
import { companyStatsToItem, companyStatsUpdate } from './company-stats-entity.ts';
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
    ...snapshot.contacts.map(contactToItem),
    ...snapshot.opportunities.map(opportunityToItem),
  ];
}

/** How many companies of each municipality are in each status, counted from the companies. */
function countByMunicipality(companies: readonly Company[]): Map<string, CompanyStats> {
  const counts = new Map<string, CompanyStats>();
  for (const company of companies) {
    const stats = counts.get(company.municipalityCode) ?? { ...NO_COMPANIES };
    for (const [count, change] of Object.entries(companyStatsChange(undefined, company.status))) {
      stats[count as keyof CompanyStats] += change ?? 0;
    }
    counts.set(company.municipalityCode, stats);
  }
  return counts;
}

/** The counter items of the municipalities of some companies, counted from the companies. */
export function companyStatsItems(companies: readonly Company[]): Item[] {
  return [...countByMunicipality(companies)].map(([code, stats]) =>
    companyStatsToItem(code, stats),
  );
}

/** Every company's lifetime changes to the monthly figures, added up per municipality and month. */
function monthFiguresOf(
  companies: readonly Company[],
): Map<string, Map<string, CompanyMonthFigures>> {
  const byMunicipality = new Map<string, Map<string, CompanyMonthFigures>>();
  for (const company of companies) {
    const months = byMunicipality.get(company.municipalityCode) ?? new Map();
    byMunicipality.set(company.municipalityCode, months);
    for (const { month, add } of companyLifetimeChanges(company)) {
      const figures: CompanyMonthFigures = months.get(month) ?? emptyCompanyMonth();
      for (const [counter, n] of Object.entries(add) as Array<
        [keyof CompanyMonthFigures, number]
      >) {
        figures[counter] += n;
      }
      months.set(month, figures);
    }
  }
  return byMunicipality;
}

/**
 * The monthly figure items of the municipalities of some companies, computed from the companies
 * by the same rules as the mutations (seeding).
 */
export function companyMonthItems(companies: readonly Company[]): Item[] {
  return [...monthFiguresOf(companies)].flatMap(([code, months]) =>
    [...months].map(([month, figures]) => companyMonthToItem(code, month, figures)),
  );
}

/**
 * Adds whole companies to a table that may hold others already (test fixtures, maintenance —
 * never a request path): all their items without conditions, and their statuses added to their
 * municipalities' counts and monthly figures.
 *
 * @param table - the table
 * @param snapshots - the companies
 */
export async function addCompanySnapshots(
  table: Table,
  snapshots: readonly CompanySnapshot[],
): Promise<void> {
  await table.putMany(snapshots.flatMap(companySnapshotItems));
  const counts = countByMunicipality(snapshots.map(({ company }) => company));
  await Promise.all(
    [...counts].map(([code, stats]) => table.transact([companyStatsUpdate(code, stats)])),
  );
  const months = monthFiguresOf(snapshots.map(({ company }) => company));
  await Promise.all(
    [...months].flatMap(([code, byMonth]) =>
      [...byMonth].map(([month, add]) =>
        table.transact([companyMonthAction(code, { month, add: { ...add } })]),
      ),
    ),
  );
}
