import { programmePlacementStats } from '../domain/placement-figures-queries.ts';
import { programmeTieStats } from '../domain/tie-figures-queries.ts';
import type { ProgrammeStatsResolvers } from '../generated/resolvers-types.ts';

/**
 * `ProgrammeStats`: the placements of every municipality added up for a period. The reference
 * carries only the period; it and every field are the programme office's alone (their rules).
 */
export const ProgrammeStats: ProgrammeStatsResolvers = {
  __resolveReference(reference) {
    return { from: reference.from, to: reference.to };
  },
  placementStats: (programme, _args, context) => programmePlacementStats(context, programme),
  tieStats: (programme, _args, context) => programmeTieStats(context, programme),
};
