import { findInvitation } from '../domain/invitation-queries.ts';
import { placementIfVisible } from '../domain/placement-queries.ts';
import type { WishAnswerResolvers, WishResolvers } from '../generated/resolvers-types.ts';

/** `Wish`: for the young person, the company it is addressed to and the municipality's team. */
export const Wish: WishResolvers = {
  youth: (wish) => ({ id: wish.youthId, municipalityCode: wish.municipalityCode }),
  company: (wish) => ({ id: wish.companyId, municipalityCode: wish.municipalityCode }),
  opportunity: (wish) => (wish.opportunityId ? { id: wish.opportunityId } : null),
  placement: (wish, _args, context) => placementIfVisible(context, wish.placementId),
  answer: (wish) => wish.answer ?? null,
};

/**
 * `WishAnswer`: the company's answer, seen by whoever sees the wish. The invitation it sent has
 * the wish's parties, and its own fields' rules decide again.
 */
export const WishAnswer: WishAnswerResolvers = {
  invitation: (answer, _args, context) =>
    answer.invitationId ? findInvitation(context, answer.invitationId) : null,
};
