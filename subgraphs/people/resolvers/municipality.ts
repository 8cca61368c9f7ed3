import { requireIdentity } from '#kernel/authorisation';
import type { MunicipalityResolvers } from '../generated/resolvers-types.ts';
import { loadMunicipalities } from '../repository/municipality-repository.ts';

/** `Municipality`: public facts (code and name) for every signed-in user. */
export const Municipality: MunicipalityResolvers = {
  async __resolveReference(reference, context) {
    requireIdentity(context);
    const [municipality] = await loadMunicipalities(context.loader, [reference.code]);
    return municipality ?? null;
  },
};
