import { defineEntity, type EntityListing } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { Item } from '#kernel/table/table';
import type { Company } from '../domain/company.ts';
import {
  type PlacementOpportunity,
  PlacementOpportunitySchema,
  tradeKey,
} from '../domain/placement-opportunity.ts';
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

/** A placement opportunity; on the open index only while it is open. */
export const PlacementOpportunityEntity = defineEntity<PlacementOpportunity>({
  name: 'PlacementOpportunity',
  schema: PlacementOpportunitySchema,
  key: (opportunity) => opportunityKey(opportunity.id),
  indexes: {
    gsi1: (opportunity) => ({
      pk: key(PREFIX.company, opportunity.companyId, 'OPPORTUNITIES'),
      sk: opportunity.id,
    }),
    gsi2: (opportunity) =>
      opportunity.open
        ? {
            pk: openOpportunitiesPartition(opportunity.municipalityCode),
            sk: key(tradeKey(opportunity.trade), opportunity.id),
          }
        : undefined,
  },
});

/**
 * The stored item of an opportunity, at its company's place in its municipality's list.
 *
 * @param opportunity - the opportunity
 * @param company - its company as it is stored with it
 */
export function opportunityItem(opportunity: PlacementOpportunity, company: Company): Item {
  return {
    ...PlacementOpportunityEntity.toItem(opportunity),
    ...companyChildIndexKeys(company, 'OPPORTUNITY', opportunity.id),
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
): EntityListing {
  const partition = openOpportunitiesPartition(municipalityCode);
  const prefix = trade === undefined ? undefined : key(tradeKey(trade), '');
  return {
    query: { index: 'gsi2', partition, ...(prefix ? { beginsWith: prefix } : {}) },
    scope: key(partition, prefix ?? '*'),
  };
}
