import type { GatheringManagerResolvers } from '../generated/resolvers-types.ts';

/** `GatheringManager`: who may read the name is its rule (`united-access.ts`). */
export const GatheringManager: GatheringManagerResolvers = {
  municipality: (manager) => ({ code: manager.municipalityCode }),
};
