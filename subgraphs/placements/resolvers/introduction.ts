import type { IntroductionResolvers } from '../generated/resolvers-types.ts';

/** `Introduction`: for the young person and the municipality's team. */
export const Introduction: IntroductionResolvers = {
  youth: (introduction) => ({
    id: introduction.youthId,
    municipalityCode: introduction.municipalityCode,
  }),
  company: (introduction) => ({
    id: introduction.companyId,
    municipalityCode: introduction.municipalityCode,
  }),
  introducedBy: (introduction) => ({ id: introduction.introducedBy }),
};
