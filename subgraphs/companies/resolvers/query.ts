import { requireIdentity } from '#kernel/authorisation';
import { NotFoundError } from '#kernel/errors';
import { EntityIdSchema, parseInput } from '#kernel/validation';
import { requireCompanyVisible } from '../domain/company-access.ts';
import { requireOpportunityVisible } from '../domain/placement-opportunity-access.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { loadCompany } from '../repository/company-repository.ts';
import { loadOpportunities } from '../repository/placement-opportunity-repository.ts';
import { owningCompany } from './loaders.ts';

/** Root queries of the companies subgraph. */
export const Query: QueryResolvers = {
  async company(_parent, args, context) {
    const identity = requireIdentity(context);
    const id = parseInput(EntityIdSchema, args.id);
    const company = await loadCompany(context.loader, id);
    if (!company) throw new NotFoundError('There is no company with this id');
    requireCompanyVisible(identity, company);
    return company;
  },
  async opportunity(_parent, args, context) {
    const identity = requireIdentity(context);
    const id = parseInput(EntityIdSchema, args.id);
    const [opportunity] = await loadOpportunities(context.loader, [id]);
    if (!opportunity) throw new NotFoundError('There is no placement opportunity with this id');
    requireOpportunityVisible(
      identity,
      await owningCompany(context, opportunity.companyId),
      opportunity,
    );
    return opportunity;
  },
};
