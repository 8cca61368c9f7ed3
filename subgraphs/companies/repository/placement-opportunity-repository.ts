import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import { type ListingReader, type PageRequest, readPage } from '#kernel/listing';
import { allOf, type Condition } from '#kernel/table/expressions';
import type { Table } from '#kernel/table/table';
import type { Company } from '../domain/company.ts';
import type { PlacementOpportunity } from '../domain/placement-opportunity.ts';
import { companyKey, companyToItem, listedAt } from './company-entity.ts';
import {
  openOpportunitiesOfMunicipality,
  openOpportunityPosition,
  opportunityFromItem,
  opportunityKey,
  opportunityToItem,
} from './placement-opportunity-entity.ts';
import { type CompaniesStore, remember } from './store.ts';
import { nextVersion, putIfVersion, putNew } from './versioned.ts';

/** Opportunities by id through the request's batching loader; undefined where none. */
export async function loadOpportunities(
  loader: ItemLoader,
  opportunityIds: readonly string[],
): Promise<Array<PlacementOpportunity | undefined>> {
  const items = await loader.loadMany(opportunityIds.map(opportunityKey));
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return item ? opportunityFromItem(item) : undefined;
  });
}

/** An opportunity read strongly consistent, as a change must start from. */
export async function readOpportunity(
  table: Table,
  opportunityId: string,
): Promise<PlacementOpportunity | undefined> {
  const item = await table.get(opportunityKey(opportunityId));
  return item ? opportunityFromItem(item) : undefined;
}

/**
 * One page of a municipality's open opportunities, by trade (one query on the sparse gsi2,
 * which holds open opportunities only).
 *
 * @param reader - the request's table, cursor codec and loader
 * @param municipalityCode - the municipality
 * @param trade - only this trade, or every trade
 * @param page - page size and cursor
 */
export function listOpenOpportunitiesOfMunicipality(
  reader: ListingReader,
  municipalityCode: string,
  trade: string | undefined,
  page: PageRequest,
): Promise<Connection<PlacementOpportunity>> {
  return readPage(
    reader,
    openOpportunitiesOfMunicipality(municipalityCode, trade),
    page,
    opportunityFromItem,
    openOpportunityPosition,
  );
}

/**
 * Adds an opportunity to a company in one transaction: the new opportunity, and the company
 * (if still at the version read) with the opportunity in its list. A company that paused or
 * left meanwhile has another version, so an open opportunity cannot slip under it.
 *
 * @param store - the table and the request's loader
 * @param before - the company as read
 * @param after - the company with the opportunity added
 * @param opportunity - the new opportunity (version 1)
 */
export async function addOpportunityToCompany(
  store: CompaniesStore,
  before: Company,
  after: Company,
  opportunity: PlacementOpportunity,
): Promise<Company> {
  const saved = nextVersion(before, after);
  const companyItem = companyToItem(saved);
  const opportunityItem = opportunityToItem(opportunity, saved);
  await store.table.transact([putNew(opportunityItem), putIfVersion(companyItem, before.version)]);
  remember(store, [companyItem, opportunityItem]);
  return saved;
}

/**
 * Stores a change of an opportunity if nobody changed it since it was read; otherwise
 * `CONFLICT`. The same transaction checks that the company still sorts where it did (the
 * opportunity is stored under its place in the list) and, when the opportunity opens, that the
 * company is still active, so an opportunity never opens under a company that paused or left
 * meanwhile.
 *
 * @param store - the table and the request's loader
 * @param company - the opportunity's company as read
 * @param before - the opportunity as read
 * @param after - the opportunity as it is to be
 */
export async function saveOpportunity(
  store: CompaniesStore,
  company: Company,
  before: PlacementOpportunity,
  after: PlacementOpportunity,
): Promise<PlacementOpportunity> {
  const saved = nextVersion(before, after);
  const item = opportunityToItem(saved, company);
  const companyStillActive: Condition = {
    expression: '#status = :active',
    names: { '#status': 'status' },
    values: { ':active': 'ACTIVE' },
  };
  await store.table.transact([
    putIfVersion(item, before.version),
    {
      check: companyKey(saved.companyId),
      // listedAt holds only of an existing company item.
      condition: saved.open ? allOf(listedAt(company), companyStillActive) : listedAt(company),
    },
  ]);
  remember(store, [item]);
  return saved;
}
