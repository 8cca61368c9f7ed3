import { networkStatsOfMunicipality } from '../domain/network-figures-queries.ts';
import { networkGroupsOfMunicipality } from '../domain/network-group-queries.ts';
import { suggestionsOfMunicipality } from '../domain/suggestion-queries.ts';
import type { MunicipalityResolvers } from '../generated/resolvers-types.ts';
import { parsePage } from './arguments.ts';

/**
 * `Municipality`: the learning community's figures and groups of a municipality. The reference
 * is only a code; each field's rule decides who may see it.
 */
export const Municipality: MunicipalityResolvers = {
  __resolveReference: (reference) => ({ code: reference.code }),
  networkStats: (municipality, args, context) =>
    networkStatsOfMunicipality(context, municipality.code, args),
  networkGroups: (municipality, args, context) =>
    networkGroupsOfMunicipality(
      context,
      municipality.code,
      args.kind ?? undefined,
      parsePage(args),
    ),
  suggestions: (municipality, args, context) =>
    suggestionsOfMunicipality(context, municipality.code, args.state ?? undefined, parsePage(args)),
};
