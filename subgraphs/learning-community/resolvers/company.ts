import { groupsOfCompany } from '../domain/network-group-queries.ts';
import { authorisedCompany } from '../domain/participant-queries.ts';
import type { CompanyResolvers } from '../generated/resolvers-types.ts';

/**
 * `Company`: the company network groups its contacts take part in, for the company's own
 * contacts and its municipality's team.
 */
export const Company: CompanyResolvers = {
  __resolveReference: (reference, context) => authorisedCompany(context, { id: reference.id }),
  async networkGroups(company, _args, context) {
    const allowed = await authorisedCompany(context, company);
    return groupsOfCompany(context, allowed.id, allowed.municipalityCode);
  },
};
