import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import type { ListingReader, PageRequest } from '#kernel/listing';
import { allOf, type Condition } from '#kernel/table/expressions';
import type { UnitOfWork } from '#kernel/unit-of-work';
import type { Company } from '../domain/company.ts';
import type { PlacementOpportunity } from '../domain/placement-opportunity.ts';
import { newChild } from './company-children-entity.ts';
import { companyKey, listedAt } from './company-entity.ts';
import { stageCompanyChange } from './company-repository.ts';
import {
  openOpportunitiesOfMunicipality,
  opportunityItem,
  opportunityKey,
  PlacementOpportunityEntity,
} from './placement-opportunity-entity.ts';

/** Opportunities by id through the request's batching loader; undefined where none. */
export function loadOpportunities(
  loader: ItemLoader,
  opportunityIds: readonly string[],
): Promise<Array<PlacementOpportunity | undefined>> {
  return PlacementOpportunityEntity.load(loader, opportunityIds.map(opportunityKey));
}

/** An opportunity through the request's loader (strongly consistent, as a change starts from). */
export function loadOpportunity(
  loader: ItemLoader,
  opportunityId: string,
): Promise<PlacementOpportunity | undefined> {
  return PlacementOpportunityEntity.loadOne(loader, opportunityKey(opportunityId));
}

/**
 * Every opportunity of a company (at most 30), as a change of the company's status starts from:
 * one batched, strongly consistent read through the request's loader. The change writes or
 * checks each opportunity at the version read here, so one changed meanwhile fails the
 * transaction and the command runs again on fresh reads.
 *
 * @param loader - the request's loader
 * @param company - the company as read
 */
export async function loadOpportunitiesOf(
  loader: ItemLoader,
  company: Company,
): Promise<PlacementOpportunity[]> {
  const opportunities = await PlacementOpportunityEntity.load(
    loader,
    company.opportunityIds.map(opportunityKey),
  );
  return opportunities.filter((opportunity) => opportunity !== undefined);
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
  return PlacementOpportunityEntity.page(
    reader,
    openOpportunitiesOfMunicipality(municipalityCode, trade),
    page,
  );
}

/**
 * Stages a new opportunity of a company: the opportunity, and the company (if still at the
 * version read) with the opportunity in its list. A company that paused or left meanwhile has
 * another version, so an open opportunity cannot slip under it.
 *
 * @param work - the unit of work
 * @param company - the company as read
 * @param opportunity - the new opportunity (version 1)
 * @returns the company as it will be stored
 */
export function stageOpportunityAdded(
  work: UnitOfWork,
  company: Company,
  opportunity: PlacementOpportunity,
): Company {
  const after = stageCompanyChange(work, company, {
    opportunityIds: [...company.opportunityIds, opportunity.id],
  });
  work.add(newChild(opportunityItem(opportunity, after)));
  return after;
}

/** The company is active: only then may an opportunity of it be open. */
const companyIsActive: Condition = {
  expression: '#status = :active',
  names: { '#status': 'status' },
  values: { ':active': 'ACTIVE' },
};

/**
 * Stages a change of an opportunity if it is still at the version read. The same transaction
 * checks that its company still sorts where it did when read (the change was decided on the
 * company as read; a rename or a change of status moves it) and, when the opportunity opens,
 * that the company is still active, so an opportunity never opens under a company that paused
 * or left meanwhile.
 *
 * @param work - the unit of work
 * @param company - the opportunity's company as read
 * @param before - the opportunity as read
 * @param changes - the attributes that change
 * @returns the opportunity as it will be stored
 */
export function stageOpportunityChange(
  work: UnitOfWork,
  company: Company,
  before: PlacementOpportunity,
  changes: Partial<PlacementOpportunity>,
): PlacementOpportunity {
  const after = work.change(PlacementOpportunityEntity, before, changes);
  work.add({
    check: companyKey(company.id),
    // listedAt holds only of an existing company item.
    condition: after.open ? allOf(listedAt(company), companyIsActive) : listedAt(company),
  });
  return after;
}
