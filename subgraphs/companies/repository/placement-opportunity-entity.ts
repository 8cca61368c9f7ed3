import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Listing } from '#kernel/listing';
import { sharedKeys } from '#kernel/shared-keys';
import type { Item } from '#kernel/table/table';
import type { Company } from '../domain/company.ts';
import { type PlacementOpportunity, tradeKey } from '../domain/placement-opportunity.ts';
import { companyChildIndexKeys } from './company-children-entity.ts';

/**
 * A placement opportunity's item, `OPPORTUNITY#<id>` (the shared key; readers rely on
 * `companyId`, `municipalityCode`, `open` and `places`). On gsi1 a company's opportunities
 * share `COMPANY#<id>#OPPORTUNITIES`. gsi2 is sparse: only an open opportunity has
 * `MUNI#<code>#OPEN_OPPORTUNITIES` / `<trade>#<id>`, so browsing open opportunities reads open
 * ones only and a trade filter is a key prefix. On gsi3 it sorts under its company's place in the
 * municipality's list (`company-children-entity.ts`).
 */
export function opportunityKey(opportunityId: string): ItemKey {
  return sharedKeys.opportunity(opportunityId);
}

/** Partition of gsi2 that lists a municipality's open opportunities. */
function openOpportunitiesPartition(municipalityCode: string): string {
  return key(PREFIX.municipality, municipalityCode, 'OPEN_OPPORTUNITIES');
}

/**
 * The stored item of an opportunity; on the open index only while it is open.
 *
 * @param opportunity - the opportunity
 * @param company - its company as it is stored with it
 */
export function opportunityToItem(opportunity: PlacementOpportunity, company: Company): Item {
  return {
    ...opportunityKey(opportunity.id),
    entity: 'PlacementOpportunity',
    gsi1pk: key(PREFIX.company, opportunity.companyId, 'OPPORTUNITIES'),
    gsi1sk: opportunity.id,
    ...companyChildIndexKeys(company, 'OPPORTUNITY', opportunity.id),
    ...(opportunity.open
      ? {
          gsi2pk: openOpportunitiesPartition(opportunity.municipalityCode),
          gsi2sk: key(tradeKey(opportunity.trade), opportunity.id),
        }
      : {}),
    id: opportunity.id,
    companyId: opportunity.companyId,
    municipalityCode: opportunity.municipalityCode,
    title: opportunity.title,
    description: opportunity.description,
    trade: opportunity.trade,
    weeklyHours: opportunity.weeklyHours,
    places: opportunity.places,
    open: opportunity.open,
    version: opportunity.version,
  };
}

/** An opportunity from its stored item. */
export function opportunityFromItem(item: Item): PlacementOpportunity {
  return {
    id: String(item.id),
    companyId: String(item.companyId),
    municipalityCode: String(item.municipalityCode),
    title: String(item.title),
    description: String(item.description),
    trade: String(item.trade),
    weeklyHours: Number(item.weeklyHours),
    places: Number(item.places),
    open: item.open === true,
    version: Number(item.version),
  };
}

/** Where an open opportunity sits in its municipality's open list: what a cursor resumes from. */
export function openOpportunityPosition(item: Item): Record<string, string> {
  return {
    pk: item.pk,
    sk: item.sk,
    gsi2pk: String(item.gsi2pk),
    gsi2sk: String(item.gsi2sk),
  };
}

/**
 * The list of a municipality's open opportunities, all or of one trade; the scope names both.
 *
 * @param municipalityCode - the municipality
 * @param trade - only this trade (compared case-folded), or every trade
 */
export function openOpportunitiesOfMunicipality(
  municipalityCode: string,
  trade: string | undefined,
): Listing {
  const partition = openOpportunitiesPartition(municipalityCode);
  const prefix = trade === undefined ? undefined : key(tradeKey(trade), '');
  return {
    query: { index: 'gsi2', partition, ...(prefix ? { beginsWith: prefix } : {}) },
    scope: key(partition, prefix ?? '*'),
  };
}
