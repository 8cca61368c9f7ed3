import { managerViews } from '../domain/united-gathering.ts';
import type { UnitedGatheringResolvers } from '../generated/resolvers-types.ts';

/** `UnitedGathering`: a gathering of NEXTWORK United. */
export const UnitedGathering: UnitedGatheringResolvers = {
  hostMunicipality: (gathering) => ({ code: gathering.hostMunicipalityCode }),
  managers: (gathering) => managerViews(gathering),
};
