import { placementIfVisible } from '../domain/placement-queries.ts';
import type { WishResolvers } from '../generated/resolvers-types.ts';

/** `Wish`: for the young person, the company it is addressed to and the municipality's team. */
export const Wish: WishResolvers = {
  youth: (wish) => ({ id: wish.youthId, municipalityCode: wish.municipalityCode }),
  company: (wish) => ({ id: wish.companyId, municipalityCode: wish.municipalityCode }),
  opportunity: (wish) => (wish.opportunityId ? { id: wish.opportunityId } : null),
  placement: (wish, _args, context) => placementIfVisible(context, wish.placementId),
};
