import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import type { PlacementOpportunity as PlacementOpportunityModel } from '../domain/placement-opportunity.ts';
import {
  type PlacementOpportunityField,
  requireOpportunityField,
  requireOpportunityVisible,
} from '../domain/placement-opportunity-access.ts';
import type { PlacementOpportunityResolvers } from '../generated/resolvers-types.ts';
import { loadCompany } from '../repository/company-repository.ts';
import { loadOpportunities } from '../repository/placement-opportunity-repository.ts';
import { isEntityId } from './arguments.ts';
import { owningCompany } from './loaders.ts';

/** A field of an opportunity read after its rule (`PLACEMENT_OPPORTUNITY_FIELD_ACCESS`) holds. */
function guarded<R>(
  field: PlacementOpportunityField,
  read: (opportunity: PlacementOpportunityModel) => R,
) {
  return async (
    opportunity: PlacementOpportunityModel,
    _args: unknown,
    context: SubgraphContext,
  ): Promise<R> => {
    const company = await owningCompany(context, opportunity.companyId);
    requireOpportunityField(requireIdentity(context), company, opportunity, field);
    return read(opportunity);
  };
}

/**
 * `PlacementOpportunity`: the team and the company's contacts see every one of the company's
 * opportunities; young people of the municipality the open ones. References from other
 * subgraphs (wishes, placements) are checked the same way.
 */
export const PlacementOpportunity: PlacementOpportunityResolvers = {
  async __resolveReference(reference, context) {
    const identity = requireIdentity(context);
    if (!isEntityId(reference.id)) return null;
    const [opportunity] = await loadOpportunities(context.loader, [reference.id]);
    if (!opportunity) return null;
    const company = await loadCompany(context.loader, opportunity.companyId);
    if (!company) return null;
    requireOpportunityVisible(identity, company, opportunity);
    return opportunity;
  },
  id: guarded('id', (opportunity) => opportunity.id),
  title: guarded('title', (opportunity) => opportunity.title),
  description: guarded('description', (opportunity) => opportunity.description),
  trade: guarded('trade', (opportunity) => opportunity.trade),
  weeklyHours: guarded('weeklyHours', (opportunity) => opportunity.weeklyHours),
  places: guarded('places', (opportunity) => opportunity.places),
  open: guarded('open', (opportunity) => opportunity.open),
  version: guarded('version', (opportunity) => opportunity.version),
  async company(opportunity, _args, context) {
    const company = await owningCompany(context, opportunity.companyId);
    requireOpportunityField(requireIdentity(context), company, opportunity, 'company');
    return company;
  },
};
