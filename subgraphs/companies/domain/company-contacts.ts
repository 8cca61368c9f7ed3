import { DomainRuleError, NotFoundError } from '#kernel/errors';
import type { Identity } from '#kernel/identity';
import { newId } from '#kernel/keys';
import {
  addContactToCompany,
  readContact,
  removeContactFromCompany,
} from '../repository/company-contact-repository.ts';
import type { Company } from './company.ts';
import { type CompaniesDeps, companyForChange } from './company-changes.ts';
import type { CompanyContact } from './company-contact.ts';
import type { AddCompanyContactInput, RemoveCompanyContactInput } from './company-inputs.ts';
import { requireNotLastContact, requireRoomForContact } from './company-lifecycle.ts';

/**
 * Adds a contact person to a company, at most ten (the team or the company's contacts).
 *
 * @param deps - table, loader and clock
 * @param identity - the caller
 * @param input - the parsed input
 */
export async function addCompanyContact(
  deps: CompaniesDeps,
  identity: Identity,
  input: AddCompanyContactInput,
): Promise<{ contact: CompanyContact; company: Company }> {
  const { company } = await companyForChange(deps, identity, input.companyId, 'addCompanyContact');
  requireRoomForContact(company);
  const contact: CompanyContact = {
    ...input.contact,
    id: newId(deps.now().getTime()),
    companyId: company.id,
    municipalityCode: company.municipalityCode,
  };
  const after = { ...company, contactIds: [...company.contactIds, contact.id] };
  return { contact, company: await addContactToCompany(deps, company, after, contact) };
}

/**
 * Removes a contact person, never the company's last one; the person's item and contact
 * details are deleted. A contact person cannot remove themself (they would lock themself out
 * mid-request): a colleague or the team does it.
 *
 * @param deps - table, loader and clock
 * @param identity - the caller
 * @param input - the parsed input
 */
export async function removeCompanyContact(
  deps: CompaniesDeps,
  identity: Identity,
  input: RemoveCompanyContactInput,
): Promise<{ removedContactId: string; company: Company }> {
  const contact = await readContact(deps.table, input.contactId);
  if (!contact) throw new NotFoundError('There is no contact person with this id');
  const { company } = await companyForChange(
    deps,
    identity,
    contact.companyId,
    'removeCompanyContact',
  );
  if (!company.contactIds.includes(contact.id)) {
    throw new NotFoundError('There is no contact person with this id');
  }
  if (identity.role === 'COMPANY_CONTACT' && identity.contactId === contact.id) {
    throw new DomainRuleError(
      'CANNOT_REMOVE_SELF',
      'You cannot remove yourself; ask a colleague or your municipal contact to do it',
      ['contactId'],
    );
  }
  requireNotLastContact(company);
  const after = { ...company, contactIds: company.contactIds.filter((id) => id !== contact.id) };
  return {
    removedContactId: contact.id,
    company: await removeContactFromCompany(deps, company, after, contact.id),
  };
}
