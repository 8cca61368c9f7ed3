import { commitSystemWork } from '#kernel/command';
import { logger } from '#kernel/logger';
import type { Item, Table } from '#kernel/table/table';
import { UnitOfWork } from '#kernel/unit-of-work';
import type { Company } from '../domain/company.ts';
import type { CompanyContact } from '../domain/company-contact.ts';
import { figuresOfCompanies } from '../domain/company-figures.ts';
import type { PlacementOpportunity } from '../domain/placement-opportunity.ts';
import { contactItem } from './company-contact-entity.ts';
import { CompanyEntity } from './company-entity.ts';
import { companyFiguresItem, countCompanyFigures } from './company-stats-entity.ts';
import { CvrRegistrationEntity } from './cvr-registration-entity.ts';
import { opportunityItem } from './placement-opportunity-entity.ts';

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
  const { company } = snapshot;
  return [
    CompanyEntity.toItem(company),
    CvrRegistrationEntity.toItem({ cvr: company.cvr, companyId: company.id }),
    ...snapshot.contacts.map((contact) => contactItem(contact, company)),
    ...snapshot.opportunities.map((opportunity) => opportunityItem(opportunity, company)),
  ];
}

/**
 * The counter items of the municipalities of some companies, their counts and monthly figures
 * computed from the companies by the same rules as the mutations (seeding).
 */
export function companyFiguresItems(companies: readonly Company[]): Item[] {
  return [...figuresOfCompanies(companies)].map(([code, figures]) =>
    companyFiguresItem(code, figures),
  );
}

/**
 * Adds whole companies to a table that may hold others already (test fixtures, maintenance —
 * never a request path): all their items without conditions, then their statuses added to their
 * municipalities' counts and monthly figures in one unit of work.
 *
 * @param table - the table
 * @param snapshots - the companies
 */
export async function addCompanySnapshots(
  table: Table,
  snapshots: readonly CompanySnapshot[],
): Promise<void> {
  await table.putMany(snapshots.flatMap(companySnapshotItems));
  const work = new UnitOfWork();
  for (const [code, { counts, months }] of figuresOfCompanies(
    snapshots.map(({ company }) => company),
  )) {
    countCompanyFigures(
      work,
      code,
      counts,
      [...months].map(([month, add]) => ({ month, add })),
    );
  }
  await commitSystemWork(table, work, { logger });
}
