import { selectsAnyOf } from '#kernel/selection';
import { parseInput } from '#kernel/validation';
import { companyStatsOf } from '../domain/company-figures-queries.ts';
import type { MunicipalityResolvers } from '../generated/resolvers-types.ts';
import { listProspectsOfMunicipality } from '../repository/company-prospect-repository.ts';
import { listCompaniesOfMunicipality } from '../repository/company-repository.ts';
import { listOpenOpportunitiesOfMunicipality } from '../repository/placement-opportunity-repository.ts';
import {
  CompaniesArgsSchema,
  CompanyProspectsArgsSchema,
  OpenOpportunitiesArgsSchema,
} from './arguments.ts';

/**
 * `Municipality`: the companies subgraph's counts and lists, each behind its rule of
 * `MUNICIPALITY_FIELD_ACCESS`. A reference carries nothing but the code, so resolving it
 * reveals nothing; the fields decide.
 */
export const Municipality: MunicipalityResolvers = {
  __resolveReference: (reference) => ({ code: reference.code }),
  code: (municipality) => municipality.code,
  companyStats: (municipality, args, context) => companyStatsOf(context, municipality.code, args),
  async companies(municipality, args, context, info) {
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
    const { trade, first, after } = parseInput(OpenOpportunitiesArgsSchema, args);
    return listOpenOpportunitiesOfMunicipality(context, municipality.code, trade, {
      first,
      after,
    });
  },
  async companyProspects(municipality, args, context) {
    const { status, first, after } = parseInput(CompanyProspectsArgsSchema, args);
    return listProspectsOfMunicipality(context, municipality.code, status, { first, after });
  },
};
