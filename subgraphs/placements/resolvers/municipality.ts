import { requireIdentity } from '#kernel/authorisation';
import { matchingEventsOfMunicipality } from '../domain/matching-event-queries.ts';
import { placementFiguresOf } from '../domain/placement-queries.ts';
import type { MunicipalityResolvers } from '../generated/resolvers-types.ts';

/** `Municipality`: its placement figures and matching events; each field checks its audience. */
export const Municipality: MunicipalityResolvers = {
  __resolveReference(reference, context) {
    requireIdentity(context);
    return { code: reference.code };
  },
  placementStats: (municipality, args, context) =>
    placementFiguresOf(context, municipality.code, args.period),
  matchingEvents: (municipality, args, context) =>
    matchingEventsOfMunicipality(context, municipality.code, args),
};
