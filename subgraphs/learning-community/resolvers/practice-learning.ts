import { requireIdentity } from '#kernel/authorisation';
import { staffVisibleToOwnTeam } from '../domain/united-access.ts';
import type { PracticeLearningResolvers } from '../generated/resolvers-types.ts';

/** `PracticeLearning`: open to every team; who shared it only to their own team. */
export const PracticeLearning: PracticeLearningResolvers = {
  municipality: (learning) => ({ code: learning.municipalityCode }),
  sharedBy: (learning, _args, context) =>
    staffVisibleToOwnTeam(
      requireIdentity(context),
      learning.sharedByStaffId,
      learning.municipalityCode,
    ),
};
