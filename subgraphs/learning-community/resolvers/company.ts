import { groupsOfCompany } from '../domain/network-group-queries.ts';
import { companyReference, municipalityOfCompany } from '../domain/participant-queries.ts';
import type { CompanyResolvers } from '../generated/resolvers-types.ts';

/**
 * `Company`: the company network groups its contacts take part in, for the company's own
 * contacts and its municipality's team (the rules of the reference and the field).
 */
export const Company: CompanyResolvers = {
  __resolveReference: (reference, context) => companyReference(context, reference.id),
  async networkGroups(company, _args, context) {
    const municipalityCode = await municipalityOfCompany(context, company);
    return municipalityCode ? groupsOfCompany(context, company.id, municipalityCode) : [];
  },
};
