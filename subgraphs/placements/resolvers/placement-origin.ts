import { invitationIfVisible } from '../domain/invitation-queries.ts';
import { wishIfVisible } from '../domain/wish-queries.ts';
import type { PlacementOriginResolvers } from '../generated/resolvers-types.ts';

/** `PlacementOrigin`: the wish or invitation a placement came from, for the same audience. */
export const PlacementOrigin: PlacementOriginResolvers = {
  wish: (origin, _args, context) => wishIfVisible(context, origin.wishId),
  invitation: (origin, _args, context) => invitationIfVisible(context, origin.invitationId),
};
