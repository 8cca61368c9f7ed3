import {
  programmeNetworkStats,
  requireProgrammeOffice,
} from '../domain/network-figures-queries.ts';
import type { ProgrammeStatsResolvers } from '../generated/resolvers-types.ts';

/** `ProgrammeStats`: the network figures of every municipality added up, for the programme office. */
export const ProgrammeStats: ProgrammeStatsResolvers = {
  __resolveReference(reference, context) {
    requireProgrammeOffice(context);
    return { from: reference.from, to: reference.to };
  },
  networkStats: (programme, _args, context) => programmeNetworkStats(context, programme),
};
