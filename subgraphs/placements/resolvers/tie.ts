import { resolveCompanyReference, resolveYouthReference } from '../domain/reference-resolution.ts';
import type {
  CompanyCompanyTieResolvers,
  CompanyTieResolvers,
  YouthTieResolvers,
} from '../generated/resolvers-types.ts';

/**
 * `CompanyTie`: a young person's tie to a company. The company's reference carries its own
 * municipality (read through the request's loader), which decides who sees its fields here.
 */
export const CompanyTie: CompanyTieResolvers = {
  company: async (tie, _args, context) =>
    (await resolveCompanyReference(context, tie.companyId)) ?? {
      id: tie.companyId,
      municipalityCode: tie.municipalityCode,
    },
};

/** `YouthTie`: a company's tie to a young person. */
export const YouthTie: YouthTieResolvers = {
  youth: async (tie, _args, context) =>
    (await resolveYouthReference(context, tie.youthId)) ?? {
      id: tie.youthId,
      municipalityCode: tie.municipalityCode,
    },
};

/** `CompanyCompanyTie`: a company's tie to another company. */
export const CompanyCompanyTie: CompanyCompanyTieResolvers = {
  company: async (tie, _args, context) =>
    (await resolveCompanyReference(context, tie.otherCompanyId)) ?? {
      id: tie.otherCompanyId,
      municipalityCode: '',
    },
};
