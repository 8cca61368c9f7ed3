import type { Connection } from '#kernel/connection';
import { type ItemLoader, primeLoader } from '#kernel/entity-loader';
import type { ListingReader, PageRequest } from '#kernel/listing';
import { versionIs } from '#kernel/table/expressions';
import type { UnitOfWork } from '#kernel/unit-of-work';
import type { Company, CompanyNetworkStatus } from '../domain/company.ts';
import type { CompanyContact } from '../domain/company-contact.ts';
import type { PlacementOpportunity } from '../domain/placement-opportunity.ts';
import {
  childrenOfCompanies,
  companyChildIndexKeys,
  moveChild,
  moveChildren,
  movesInList,
  newChild,
} from './company-children-entity.ts';
import { contactItem } from './company-contact-entity.ts';
import { CompanyEntity, companiesOfMunicipality, companyKey } from './company-entity.ts';
import { countCompanyChange } from './company-figures-repository.ts';
import { CvrRegistrationEntity, cvrRegistrationKey } from './cvr-registration-entity.ts';
import { opportunityKey, PlacementOpportunityEntity } from './placement-opportunity-entity.ts';

/** A company through the request's batching loader; undefined when there is none. */
export function loadCompany(loader: ItemLoader, companyId: string): Promise<Company | undefined> {
  return CompanyEntity.loadOne(loader, companyKey(companyId));
}

/**
 * One page of a municipality's companies, by status and then name (one query on gsi1). With
 * `withChildren`, the contact persons and opportunities of the page's companies are read too,
 * in one query on gsi3 whatever the page's length, into the request's loader, where the
 * companies' fields find them. What that query's first megabyte does not hold, or an item
 * stored before the index existed, the loader reads by key as before.
 *
 * @param reader - the request's table, cursor codec and loader
 * @param municipalityCode - the municipality
 * @param status - only this status, or every status
 * @param page - page size and cursor
 * @param withChildren - whether the companies' contacts or opportunities are asked for
 */
export async function listCompaniesOfMunicipality(
  reader: ListingReader,
  municipalityCode: string,
  status: CompanyNetworkStatus | undefined,
  page: PageRequest,
  withChildren = false,
): Promise<Connection<Company>> {
  const connection = await CompanyEntity.page(
    reader,
    companiesOfMunicipality(municipalityCode, status),
    page,
  );
  const first = connection.edges.at(0)?.node;
  const last = connection.edges.at(-1)?.node;
  if (withChildren && reader.loader && first && last) {
    const children = await reader.table.query(childrenOfCompanies(first, last));
    primeLoader(reader.loader, children.items);
  }
  return connection;
}

/** Whether a CVR number is registered to a company already. */
export async function isCvrRegistered(loader: ItemLoader, cvr: string): Promise<boolean> {
  return (await CvrRegistrationEntity.loadOne(loader, cvrRegistrationKey(cvr))) !== undefined;
}

/**
 * Stages a new company: the company, the reservation of its CVR number (which must not exist,
 * so that of two registrations of one number racing only one commits), its contact persons and
 * its municipality's counts and monthly figures.
 *
 * @param work - the unit of work
 * @param company - the new company (version 1)
 * @param contacts - its contact persons
 */
export function stageCompanyJoining(
  work: UnitOfWork,
  company: Company,
  contacts: readonly CompanyContact[],
): void {
  work.create(CompanyEntity, company);
  work.create(CvrRegistrationEntity, { cvr: company.cvr, companyId: company.id });
  for (const contact of contacts) work.add(newChild(contactItem(contact, company)));
  countCompanyChange(work, undefined, company, company.joinedOn);
}

/**
 * Stages a change of a company's own attributes (details, its lists of children) if it is
 * still at the version read. A new name moves the company in its list, and its children with it.
 *
 * @param work - the unit of work
 * @param before - the company as read
 * @param changes - the attributes that change
 * @returns the company as it will be stored
 */
export function stageCompanyChange(
  work: UnitOfWork,
  before: Company,
  changes: Partial<Company>,
): Company {
  const after = work.change(CompanyEntity, before, changes);
  if (movesInList(before, after)) work.add(...moveChildren(after));
  return after;
}

/** An opportunity as read, and as it is to be after the company's change of status. */
export interface OpportunityChange {
  before: PlacementOpportunity;
  after: PlacementOpportunity;
}

/**
 * Stages a change of a company's status: the company (if still at the version read), its
 * municipality's counts and monthly figures, its opportunities — those that change are written,
 * the others checked to be as read, so that an opportunity opened meanwhile cannot stay open
 * under a paused company — and, as a new status moves the company in its list, its children's
 * places.
 *
 * @param work - the unit of work
 * @param before - the company as read
 * @param after - the company as it is to be
 * @param opportunities - the opportunities read for the change, as read and as they are to be
 * @param today - today's date, ISO: the day a resume counts in the monthly figures
 * @returns the company as it will be stored
 */
export function stageCompanyStatus(
  work: UnitOfWork,
  before: Company,
  after: Company,
  opportunities: readonly OpportunityChange[],
  today: string,
): Company {
  const stored = work.replace(CompanyEntity, before, after);
  countCompanyChange(work, before, stored, today);
  const moves = movesInList(before, stored);
  for (const { before: was, after: is } of opportunities) {
    if (was.open !== is.open) {
      const place = moves ? companyChildIndexKeys(stored, 'OPPORTUNITY', was.id) : {};
      work.change(PlacementOpportunityEntity, was, { open: is.open }, place);
    } else if (moves) {
      work.add(moveChild(stored, 'OPPORTUNITY', was.id, versionIs(was.version)));
    } else {
      work.add({ check: opportunityKey(was.id), condition: versionIs(was.version) });
    }
  }
  if (moves) {
    work.add(...moveChildren(stored, new Set(opportunities.map(({ before: was }) => was.id))));
  }
  return stored;
}
