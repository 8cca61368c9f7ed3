import { invitationsOfCompany } from '../domain/invitation-queries.ts';
import { placementsOfCompany } from '../domain/placement-queries.ts';
import { resolveCompanyReference } from '../domain/reference-resolution.ts';
import { companyTiesOfCompany, youthTiesOfCompany } from '../domain/tie-queries.ts';
import { wishesOfCompany } from '../domain/wish-queries.ts';
import type { CompanyResolvers } from '../generated/resolvers-types.ts';

/**
 * `Company`: its placements, invitations and the wishes addressed to it, for its own contacts
 * and its municipality's team.
 */
export const Company: CompanyResolvers = {
  __resolveReference(reference, context) {
    return resolveCompanyReference(context, reference.id);
  },
  placements: (company, args, context) => placementsOfCompany(context, company, args),
  invitations: (company, args, context) => invitationsOfCompany(context, company, args),
  wishes: (company, args, context) => wishesOfCompany(context, company, args),
  youthTies: (company, args, context) => youthTiesOfCompany(context, company, args),
  companyTies: (company, _args, context) => companyTiesOfCompany(context, company),
};
