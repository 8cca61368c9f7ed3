import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import type { Company as CompanyModel } from '../domain/company.ts';
import {
  type CompanyField,
  requireCompanyField,
  requireCompanyVisible,
} from '../domain/company-access.ts';
import type { CompanyContact } from '../domain/company-contact.ts';
import type { PlacementOpportunity } from '../domain/placement-opportunity.ts';
import { canSeeOpportunity } from '../domain/placement-opportunity-access.ts';
import type { CompanyResolvers } from '../generated/resolvers-types.ts';
import { loadContacts } from '../repository/company-contact-repository.ts';
import { loadCompany } from '../repository/company-repository.ts';
import { loadOpportunities } from '../repository/placement-opportunity-repository.ts';
import { isEntityId } from './arguments.ts';

/** A field of a company read after the field's access rule (`COMPANY_FIELD_ACCESS`) holds. */
function guarded<R>(field: CompanyField, read: (company: CompanyModel) => R) {
  return (company: CompanyModel, _args: unknown, context: SubgraphContext): R => {
    requireCompanyField(requireIdentity(context), company, field);
    return read(company);
  };
}

/**
 * `Company`: every field behind its rule in `domain/company-access.ts`, and references from
 * other subgraphs (placements, network groups) checked the same way as the root query.
 */
export const Company: CompanyResolvers = {
  async __resolveReference(reference, context) {
    const identity = requireIdentity(context);
    if (!isEntityId(reference.id)) return null;
    const company = await loadCompany(context.loader, reference.id);
    if (!company) return null;
    requireCompanyVisible(identity, company);
    return company;
  },
  id: guarded('id', (company) => company.id),
  cvr: guarded('cvr', (company) => company.cvr),
  name: guarded('name', (company) => company.name),
  industry: guarded('industry', (company) => company.industry),
  address: guarded('address', (company) => ({ company })),
  municipality: guarded('municipality', (company) => ({ code: company.municipalityCode })),
  status: guarded('status', (company) => company.status),
  pause: guarded('pause', (company) => company.pause ?? null),
  joinedOn: guarded('joinedOn', (company) => company.joinedOn),
  leftOn: guarded('leftOn', (company) => company.leftOn ?? null),
  version: guarded('version', (company) => company.version),
  async contacts(company, _args, context) {
    requireCompanyField(requireIdentity(context), company, 'contacts');
    const contacts = await loadContacts(context.loader, company.contactIds);
    return contacts.filter((contact): contact is CompanyContact => contact !== undefined);
  },
  async opportunities(company, args, context) {
    const audience = requireCompanyField(requireIdentity(context), company, 'opportunities');
    const opportunities = await loadOpportunities(context.loader, company.opportunityIds);
    return opportunities.filter(
      (opportunity): opportunity is PlacementOpportunity =>
        opportunity !== undefined &&
        canSeeOpportunity(audience, opportunity) &&
        (typeof args.open !== 'boolean' || opportunity.open === args.open),
    );
  },
};
