import type { Item, Table } from '#kernel/table/table';
import type { Company } from '../domain/company.ts';
import type { CompanyContact } from '../domain/company-contact.ts';
import { type CompanyStats, companyStatsChange, NO_COMPANIES } from '../domain/company-stats.ts';
import type { PlacementOpportunity } from '../domain/placement-opportunity.ts';
import { contactToItem } from './company-contact-entity.ts';
import { companyToItem } from './company-entity.ts';
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

/**
 * Adds whole companies to a table that may hold others already (test fixtures, maintenance —
 * never a request path): all their items without conditions, and their statuses added to their
 * municipalities' counts.
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
}
