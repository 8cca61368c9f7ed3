import type { PlacementOpportunityResolvers } from '../generated/resolvers-types.ts';
import { loadCompany } from '../repository/company-repository.ts';
import { loadOpportunities } from '../repository/placement-opportunity-repository.ts';
import { isEntityId } from './arguments.ts';
import { owningCompany } from './loaders.ts';

/**
 * `PlacementOpportunity`: the team and the company's contacts see every one of the company's
 * opportunities; young people of the municipality the open ones
 * (`PLACEMENT_OPPORTUNITY_FIELD_ACCESS`). References from other subgraphs (wishes, placements)
 * are held to the same rules.
 */
export const PlacementOpportunity: PlacementOpportunityResolvers = {
  async __resolveReference(reference, context) {
    if (!isEntityId(reference.id)) return null;
    const [opportunity] = await loadOpportunities(context.loader, [reference.id]);
    // An opportunity whose company no longer exists is offered by no one.
    if (!opportunity || !(await loadCompany(context.loader, opportunity.companyId))) return null;
    return opportunity;
  },
  company: (opportunity, _args, context) => owningCompany(context, opportunity.companyId),
};
