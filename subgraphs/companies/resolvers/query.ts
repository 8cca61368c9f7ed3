import { NotFoundError } from '#kernel/errors';
import { EntityIdSchema, parseInput } from '#kernel/validation';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { loadCompany } from '../repository/company-repository.ts';
import { loadOpportunities } from '../repository/placement-opportunity-repository.ts';

/**
 * Root queries of the companies subgraph. Whoever may see the company or opportunity asked for
 * is their rule's to decide (`authorisation-rules.ts`); here they are read, or `NOT_FOUND`.
 */
export const Query: QueryResolvers = {
  async company(_parent, args, context) {
    const id = parseInput(EntityIdSchema, args.id);
    const company = await loadCompany(context.loader, id);
    if (!company) throw new NotFoundError('There is no company with this id');
    return company;
  },
  async opportunity(_parent, args, context) {
    const id = parseInput(EntityIdSchema, args.id);
    const [opportunity] = await loadOpportunities(context.loader, [id]);
    if (!opportunity) throw new NotFoundError('There is no placement opportunity with this id');
    return opportunity;
  },
};
