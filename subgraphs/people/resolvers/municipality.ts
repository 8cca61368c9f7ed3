import { requireIdentity } from '#kernel/authorisation';
import { directionStatsOf } from '../domain/direction-stats-queries.ts';
import { youthStatsOf } from '../domain/figures-queries.ts';
import { teamOf, youthOfMunicipality } from '../domain/municipality-queries.ts';
import { resourceStatsOf } from '../domain/resource-stats-queries.ts';
import type { MunicipalityResolvers } from '../generated/resolvers-types.ts';
import { loadMunicipalities } from '../repository/municipality-repository.ts';

/**
 * `Municipality`: public facts (code and name) for every signed-in user; the team, the young
 * people and their figures behind the rules in `domain/municipality-access.ts`.
 */
export const Municipality: MunicipalityResolvers = {
  async __resolveReference(reference, context) {
    requireIdentity(context);
    const [municipality] = await loadMunicipalities(context.loader, [reference.code]);
    return municipality ?? null;
  },
  team: (municipality, _args, context) => teamOf(context, municipality.code),
  youth: (municipality, args, context) => youthOfMunicipality(context, municipality.code, args),
  youthStats: (municipality, args, context) => youthStatsOf(context, municipality.code, args),
  directionStats: (municipality, args, context) =>
    directionStatsOf(context, municipality.code, args),
  resourceStats: (municipality, args, context) => resourceStatsOf(context, municipality.code, args),
};
