import {
  programmeCompanyStats,
  requireProgrammeOffice,
} from '../domain/company-figures-queries.ts';
import type { ProgrammeStatsResolvers } from '../generated/resolvers-types.ts';

/** `ProgrammeStats`: the companies of every municipality added up, for the programme office. */
export const ProgrammeStats: ProgrammeStatsResolvers = {
  __resolveReference(reference, context) {
    requireProgrammeOffice(context);
    return { from: reference.from, to: reference.to };
  },
  companyStats: (programme, _args, context) => programmeCompanyStats(context, programme),
};
