import type { CompanyContactResolvers } from '../generated/resolvers-types.ts';
import { loadContacts } from '../repository/company-contact-repository.ts';
import { loadCompany } from '../repository/company-repository.ts';
import { isEntityId } from './arguments.ts';
import { owningCompany } from './loaders.ts';

/**
 * `CompanyContact`: visible to whoever may see the company; phone and e-mail to the team and
 * the company's contacts only (`COMPANY_CONTACT_FIELD_ACCESS`). The people subgraph's `me` of
 * a company contact is a reference to one, resolved here under the same rules.
 */
export const CompanyContact: CompanyContactResolvers = {
  async __resolveReference(reference, context) {
    if (!isEntityId(reference.id)) return null;
    const [contact] = await loadContacts(context.loader, [reference.id]);
    // A contact whose company no longer exists is no one's contact.
    if (!contact || !(await loadCompany(context.loader, contact.companyId))) return null;
    return contact;
  },
  company: (contact, _args, context) => owningCompany(context, contact.companyId),
};
