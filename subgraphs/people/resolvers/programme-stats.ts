import { programmeDirectionStats } from '../domain/direction-stats-queries.ts';
import { programmeYouthStats } from '../domain/figures-queries.ts';
import { programmeResourceStats } from '../domain/resource-stats-queries.ts';
import type { ProgrammeStatsResolvers } from '../generated/resolvers-types.ts';

/**
 * `ProgrammeStats`: the programme office's totals across every municipality for a period. The
 * reference carries only the period; it and every field are the programme office's alone (the
 * `programmeOffice` rule in `authorisation-rules.ts`).
 */
export const ProgrammeStats: ProgrammeStatsResolvers = {
  __resolveReference: (reference) => ({ from: reference.from, to: reference.to }),
  youthStats: (programme, _args, context) => programmeYouthStats(context, programme),
  directionStats: (programme, _args, context) => programmeDirectionStats(context, programme),
  resourceStats: (programme, _args, context) => programmeResourceStats(context, programme),
};
