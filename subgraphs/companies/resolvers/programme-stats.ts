import { programmeCompanyStats } from '../domain/company-figures-queries.ts';
import type { ProgrammeStatsResolvers } from '../generated/resolvers-types.ts';

/**
 * `ProgrammeStats`: the companies of every municipality added up, for the programme office
 * (the kernel's `programmeOffice` rule, on the reference and on each field).
 */
export const ProgrammeStats: ProgrammeStatsResolvers = {
  __resolveReference: (reference) => ({ from: reference.from, to: reference.to }),
  companyStats: (programme, _args, context) => programmeCompanyStats(context, programme),
};
