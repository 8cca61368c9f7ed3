import { staffVisibleToOwnTeam } from '../domain/united-queries.ts';
import type { PracticeLearningResolvers } from '../generated/resolvers-types.ts';

/** `PracticeLearning`: open to every team; who shared it only to their own team. */
export const PracticeLearning: PracticeLearningResolvers = {
  municipality: (learning) => ({ code: learning.municipalityCode }),
  sharedBy: (learning, _args, context) =>
    staffVisibleToOwnTeam(context, learning.sharedByStaffId, learning.municipalityCode),
};
