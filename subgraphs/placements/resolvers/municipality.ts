import { fidelityOf } from '../domain/fidelity-figures.ts';
import { matchingEventsOfMunicipality } from '../domain/matching-event-queries.ts';
import { placementStatsOf } from '../domain/placement-figures-queries.ts';
import { tieStatsOf } from '../domain/tie-figures-queries.ts';
import type { MunicipalityResolvers } from '../generated/resolvers-types.ts';

/** `Municipality`: its placement figures and matching events (each field's rule decides who). */
export const Municipality: MunicipalityResolvers = {
  __resolveReference(reference) {
    return { code: reference.code };
  },
  placementStats: (municipality, args, context) =>
    placementStatsOf(context, municipality.code, args),
  matchingEvents: (municipality, args, context) =>
    matchingEventsOfMunicipality(context, municipality.code, args),
  tieStats: (municipality, args, context) => tieStatsOf(context, municipality.code, args),
  fidelity: (municipality, args, context) => fidelityOf(context, municipality.code, args),
};
