import { invitationsOfYouth } from '../domain/invitation-queries.ts';
import { matchingEventsOfYouth } from '../domain/matching-event-queries.ts';
import { currentPlacementOf, placementsOfYouth } from '../domain/placement-queries.ts';
import { resolveYouthReference } from '../domain/reference-resolution.ts';
import { companyTiesOfYouth } from '../domain/tie-queries.ts';
import { wishesOfYouth } from '../domain/wish-queries.ts';
import type { YouthResolvers } from '../generated/resolvers-types.ts';

/**
 * `Youth`: the young person's placements, wishes, invitations and matching events, for the
 * young person and their municipality's team (a company contact only sees a current placement
 * at their own company).
 */
export const Youth: YouthResolvers = {
  __resolveReference(reference, context) {
    return resolveYouthReference(context, reference.id);
  },
  placements: (youth, args, context) => placementsOfYouth(context, youth, args),
  currentPlacement: (youth, _args, context) => currentPlacementOf(context, youth),
  wishes: (youth, args, context) => wishesOfYouth(context, youth, args),
  invitations: (youth, args, context) => invitationsOfYouth(context, youth, args),
  matchingEvents: (youth, args, context) => matchingEventsOfYouth(context, youth, args),
  companyTies: (youth, _args, context) => companyTiesOfYouth(context, youth),
};
