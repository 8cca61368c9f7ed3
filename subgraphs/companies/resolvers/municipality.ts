import { requireIdentity } from '#kernel/authorisation';
import { selectsAnyOf } from '#kernel/selection';
import { parseInput } from '#kernel/validation';
import { companyStatsOf } from '../domain/company-figures-queries.ts';
import { requireMunicipalityField } from '../domain/municipality-access.ts';
import type { MunicipalityResolvers } from '../generated/resolvers-types.ts';
import { listCompaniesOfMunicipality } from '../repository/company-repository.ts';
import { listOpenOpportunitiesOfMunicipality } from '../repository/placement-opportunity-repository.ts';
import { CompaniesArgsSchema, OpenOpportunitiesArgsSchema } from './arguments.ts';

/**
 * `Municipality`: the companies subgraph's counts and lists, each behind its rule in
 * `domain/municipality-access.ts`. A reference carries nothing but the code, so resolving it
 * reveals nothing; the fields decide.
 */
export const Municipality: MunicipalityResolvers = {
  __resolveReference(reference, context) {
    requireIdentity(context);
    return { code: reference.code };
  },
  code: (municipality) => municipality.code,
  companyStats: (municipality, args, context) => companyStatsOf(context, municipality.code, args),
  async companies(municipality, args, context, info) {
    requireMunicipalityField(requireIdentity(context), municipality.code, 'companies');
    const { status, first, after } = parseInput(CompaniesArgsSchema, args);
    const withChildren = selectsAnyOf(info, ['edges', 'node'], ['contacts', 'opportunities']);
    return listCompaniesOfMunicipality(
      context,
      municipality.code,
      status,
      { first, after },
      withChildren,
    );
  },
  async openOpportunities(municipality, args, context) {
    requireMunicipalityField(requireIdentity(context), municipality.code, 'openOpportunities');
    const { trade, first, after } = parseInput(OpenOpportunitiesArgsSchema, args);
    return listOpenOpportunitiesOfMunicipality(context, municipality.code, trade, {
      first,
      after,
    });
  },
};
