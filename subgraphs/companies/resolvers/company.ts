import { requireIdentity } from '#kernel/authorisation';
import { companyAudienceInScope } from '../domain/company-audience.ts';
import type { CompanyContact } from '../domain/company-contact.ts';
import type { PlacementOpportunity } from '../domain/placement-opportunity.ts';
import { canSeeOpportunity } from '../domain/placement-opportunity-access.ts';
import type { CompanyResolvers } from '../generated/resolvers-types.ts';
import { loadContacts } from '../repository/company-contact-repository.ts';
import { loadCompany } from '../repository/company-repository.ts';
import { loadOpportunities } from '../repository/placement-opportunity-repository.ts';
import { isEntityId } from './arguments.ts';

/**
 * `Company`: each field's rule is `COMPANY_FIELD_ACCESS` (`authorisation-rules.ts`), and a
 * reference from another subgraph (placements, network groups) is held to the same rule as the
 * root query.
 */
export const Company: CompanyResolvers = {
  async __resolveReference(reference, context) {
    if (!isEntityId(reference.id)) return null;
    return (await loadCompany(context.loader, reference.id)) ?? null;
  },
  address: (company) => ({ company }),
  municipality: (company) => ({ code: company.municipalityCode }),
  pause: (company) => company.pause ?? null,
  leftOn: (company) => company.leftOn ?? null,
  async contacts(company, _args, context) {
    const contacts = await loadContacts(context.loader, company.contactIds);
    return contacts.filter((contact): contact is CompanyContact => contact !== undefined);
  },
  /** Young people see open opportunities only; the others every one the company has. */
  async opportunities(company, args, context) {
    const audience = await companyAudienceInScope(requireIdentity(context), company, context);
    const opportunities = await loadOpportunities(context.loader, company.opportunityIds);
    return opportunities.filter(
      (opportunity): opportunity is PlacementOpportunity =>
        opportunity !== undefined &&
        canSeeOpportunity(audience, opportunity) &&
        (typeof args.open !== 'boolean' || opportunity.open === args.open),
    );
  },
};
