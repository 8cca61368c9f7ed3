import { groupsOfCompany } from '../domain/network-group-queries.ts';
import { companyReference, municipalityOfCompany } from '../domain/participant-queries.ts';
import { storiesSharedWithCompany } from '../domain/work-story-queries.ts';
import type { CompanyResolvers } from '../generated/resolvers-types.ts';
import { parsePage } from './arguments.ts';

/**
 * `Company`: the company network groups its contacts take part in, for the company's own
 * contacts and its municipality's team, and the work stories young people shared with it, for
 * its own contacts (the rules of the reference and the fields).
 */
export const Company: CompanyResolvers = {
  __resolveReference: (reference, context) => companyReference(context, reference.id),
  async networkGroups(company, _args, context) {
    const municipalityCode = await municipalityOfCompany(context, company);
    return municipalityCode ? groupsOfCompany(context, company.id, municipalityCode) : [];
  },
  sharedStories: (company, args, context) =>
    storiesSharedWithCompany(context, company.id, parsePage(args)),
};
