import { programmeNetworkStats } from '../domain/network-figures-queries.ts';
import type { ProgrammeStatsResolvers } from '../generated/resolvers-types.ts';

/**
 * `ProgrammeStats`: the network figures of every municipality added up, for the programme
 * office (the rule `programmeOffice` of the reference and of every field).
 */
export const ProgrammeStats: ProgrammeStatsResolvers = {
  __resolveReference: (reference) => ({ from: reference.from, to: reference.to }),
  networkStats: (programme, _args, context) => programmeNetworkStats(context, programme),
};
