import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import type { CompanyContact as CompanyContactModel } from '../domain/company-contact.ts';
import {
  type CompanyContactField,
  requireContactField,
  requireContactVisible,
} from '../domain/company-contact-access.ts';
import type { CompanyContactResolvers } from '../generated/resolvers-types.ts';
import { loadContacts } from '../repository/company-contact-repository.ts';
import { loadCompany } from '../repository/company-repository.ts';
import { isEntityId } from './arguments.ts';
import { owningCompany } from './loaders.ts';

/** A field of a contact read after its rule (`COMPANY_CONTACT_FIELD_ACCESS`) holds. */
function guarded<R>(field: CompanyContactField, read: (contact: CompanyContactModel) => R) {
  return async (
    contact: CompanyContactModel,
    _args: unknown,
    context: SubgraphContext,
  ): Promise<R> => {
    const company = await owningCompany(context, contact.companyId);
    requireContactField(requireIdentity(context), company, field);
    return read(contact);
  };
}

/**
 * `CompanyContact`: visible to whoever may see the company; phone and e-mail to the team and
 * the company's contacts only. The people subgraph's `me` of a company contact is a reference
 * to one, resolved here under the same rules.
 */
export const CompanyContact: CompanyContactResolvers = {
  async __resolveReference(reference, context) {
    const identity = requireIdentity(context);
    if (!isEntityId(reference.id)) return null;
    const [contact] = await loadContacts(context.loader, [reference.id]);
    if (!contact) return null;
    const company = await loadCompany(context.loader, contact.companyId);
    if (!company) return null;
    requireContactVisible(identity, company);
    return contact;
  },
  id: guarded('id', (contact) => contact.id),
  name: guarded('name', (contact) => contact.name),
  role: guarded('role', (contact) => contact.role),
  phone: guarded('phone', (contact) => contact.phone),
  email: guarded('email', (contact) => contact.email),
  async company(contact, _args, context) {
    const company = await owningCompany(context, contact.companyId);
    requireContactField(requireIdentity(context), company, 'company');
    return company;
  },
};
