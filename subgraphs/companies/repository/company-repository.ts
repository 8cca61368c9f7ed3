import type { Connection } from '#kernel/connection';
import { type ItemLoader, primeLoader } from '#kernel/entity-loader';
import { type ListingReader, type PageRequest, readPage } from '#kernel/listing';
import { versionIs } from '#kernel/table/expressions';
import { ConditionFailedError, type Table, type TransactAction } from '#kernel/table/table';
import { danishToday } from '#kernel/today';
import type { Company, CompanyNetworkStatus } from '../domain/company.ts';
import type { CompanyContact } from '../domain/company-contact.ts';
import { companyMonthChange } from '../domain/company-figures.ts';
import { companyStatsChange } from '../domain/company-stats.ts';
import type { PlacementOpportunity } from '../domain/placement-opportunity.ts';
import {
  childrenOfCompanies,
  moveChild,
  moveChildren,
  movesInList,
} from './company-children-entity.ts';
import { contactToItem } from './company-contact-entity.ts';
import {
  companiesOfMunicipality,
  companyFromItem,
  companyKey,
  companyPosition,
  companyToItem,
} from './company-entity.ts';
import { companyFiguresAction } from './company-stats-entity.ts';
import { cvrRegistrationKey, cvrRegistrationToItem } from './cvr-registration-entity.ts';
import { opportunityKey, opportunityToItem } from './placement-opportunity-entity.ts';
import { type CompaniesStore, remember } from './store.ts';
import { nextVersion, putIfVersion, putNew } from './versioned.ts';

/** A company through the request's batching loader; undefined when there is none. */
export async function loadCompany(
  loader: ItemLoader,
  companyId: string,
): Promise<Company | undefined> {
  const item = await loader.load(companyKey(companyId));
  return item ? companyFromItem(item) : undefined;
}

/** A company read strongly consistent, as a change must start from. */
export async function readCompany(table: Table, companyId: string): Promise<Company | undefined> {
  const item = await table.get(companyKey(companyId));
  return item ? companyFromItem(item) : undefined;
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
  const connection = await readPage(
    reader,
    companiesOfMunicipality(municipalityCode, status),
    page,
    companyFromItem,
    companyPosition,
  );
  const first = connection.edges.at(0)?.node;
  const last = connection.edges.at(-1)?.node;
  if (withChildren && reader.loader && first && last) {
    const children = await reader.table.query(childrenOfCompanies(first, last));
    primeLoader(reader.loader, children.items);
  }
  return connection;
}

/**
 * The update of the municipality's counter item for a company joining (`before` undefined) or
 * changing status: its counts and its month together, none when the status stays.
 */
function figuresActions(
  before: Company | undefined,
  after: Company,
  today: string,
): TransactAction[] {
  const month = companyMonthChange(before, after, today);
  const action = companyFiguresAction(
    after.municipalityCode,
    companyStatsChange(before?.status, after.status),
    month ? [month] : [],
  );
  return action ? [action] : [];
}

/** Whether a CVR number is registered to a company already. */
export async function isCvrRegistered(table: Table, cvr: string): Promise<boolean> {
  return (await table.get(cvrRegistrationKey(cvr))) !== undefined;
}

/** How registering a company ended. */
export type RegistrationOutcome = 'REGISTERED' | 'CVR_TAKEN';

/**
 * Registers a new company in one transaction: the company, the reservation of its CVR number,
 * its contact persons and its municipality's counts and monthly figures. If the CVR number was
 * taken meanwhile, nothing is written.
 *
 * @param store - the table and the request's loader
 * @param company - the new company (version 1)
 * @param contacts - its contact persons
 */
export async function registerCompany(
  store: CompaniesStore,
  company: Company,
  contacts: readonly CompanyContact[],
): Promise<RegistrationOutcome> {
  const companyItem = companyToItem(company);
  const contactItems = contacts.map((contact) => contactToItem(contact, company));
  try {
    await store.table.transact([
      putNew(companyItem),
      putNew(cvrRegistrationToItem(company.cvr, company.id)),
      ...contactItems.map(putNew),
      ...figuresActions(undefined, company, company.joinedOn),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailedError && error.reasons[1] === 'ConditionalCheckFailed') {
      return 'CVR_TAKEN';
    }
    throw error;
  }
  remember(store, [companyItem, ...contactItems]);
  return 'REGISTERED';
}

/**
 * Stores a change of a company's details if nobody changed it since it was read; otherwise
 * `CONFLICT`. A new name moves the company in its list, and its children with it in the same
 * transaction. The new version is returned.
 *
 * @param store - the table and the request's loader
 * @param before - the company as read
 * @param after - the company as it is to be
 */
export async function saveCompanyDetails(
  store: CompaniesStore,
  before: Company,
  after: Company,
): Promise<Company> {
  const saved = nextVersion(before, after);
  const item = companyToItem(saved);
  if (movesInList(before, saved)) {
    await store.table.transact([putIfVersion(item, before.version), ...moveChildren(saved)]);
  } else {
    await store.table.put(item, versionIs(before.version));
  }
  remember(store, [item]);
  return saved;
}

/** An opportunity as read, and as it is to be after the company's change of status. */
export interface OpportunityChange {
  before: PlacementOpportunity;
  after: PlacementOpportunity;
}

/**
 * Stores a change of a company's status in one transaction: the company (if still at the
 * version read), its municipality's counts and monthly figures, its opportunities — those
 * that change are written, the others checked to be as read, so that an opportunity opened
 * meanwhile cannot stay open under a paused company — and, as a new status moves the company
 * in its list, its children's places.
 *
 * @param store - the table and the request's loader
 * @param before - the company as read
 * @param after - the company as it is to be
 * @param opportunities - every opportunity of the company, as read and as it is to be
 * @param today - today's date, ISO: the day a resume counts in the monthly figures (the
 *   commands pass the request's clock; the machine's Danish date otherwise)
 */
export async function saveCompanyStatus(
  store: CompaniesStore,
  before: Company,
  after: Company,
  opportunities: readonly OpportunityChange[],
  today: string = danishToday(new Date()),
): Promise<Company> {
  const saved = nextVersion(before, after);
  const companyItem = companyToItem(saved);
  const moves = movesInList(before, saved);
  const changedItems = opportunities
    .filter(({ before: was, after: is }) => was.open !== is.open)
    .map(({ before: was, after: is }) => ({
      item: opportunityToItem(nextVersion(was, is), saved),
      readVersion: was.version,
    }));
  const unchanged: TransactAction[] = opportunities
    .filter(({ before: was, after: is }) => was.open === is.open)
    .map(({ before: was }) =>
      moves
        ? moveChild(saved, 'OPPORTUNITY', was.id, versionIs(was.version))
        : { check: opportunityKey(was.id), condition: versionIs(was.version) },
    );
  const readOpportunityIds = new Set(opportunities.map(({ before: was }) => was.id));
  await store.table.transact([
    putIfVersion(companyItem, before.version),
    ...figuresActions(before, after, today),
    ...changedItems.map(({ item, readVersion }) => putIfVersion(item, readVersion)),
    ...unchanged,
    ...(moves ? moveChildren(saved, readOpportunityIds) : []),
  ]);
  remember(store, [companyItem, ...changedItems.map(({ item }) => item)]);
  return saved;
}
