import type { ItemLoader } from '#kernel/entity-loader';
import { itemMustExist } from '#kernel/table/expressions';
import type { UnitOfWork } from '#kernel/unit-of-work';
import type { Company } from '../domain/company.ts';
import type { CompanyContact } from '../domain/company-contact.ts';
import { newChild } from './company-children-entity.ts';
import { CompanyContactEntity, contactItem, contactKey } from './company-contact-entity.ts';
import { stageCompanyChange } from './company-repository.ts';

/** Contact persons by id through the request's batching loader; undefined where none. */
export function loadContacts(
  loader: ItemLoader,
  contactIds: readonly string[],
): Promise<Array<CompanyContact | undefined>> {
  return CompanyContactEntity.load(loader, contactIds.map(contactKey));
}

/** A contact person read strongly consistent, as a change must start from. */
export function loadContact(
  loader: ItemLoader,
  contactId: string,
): Promise<CompanyContact | undefined> {
  return CompanyContactEntity.loadOne(loader, contactKey(contactId));
}

/**
 * Stages a new contact person of a company: the contact, and the company (if still at the
 * version read) with the contact in its list.
 *
 * @param work - the unit of work
 * @param company - the company as read
 * @param contact - the new contact person
 * @returns the company as it will be stored
 */
export function stageContactAdded(
  work: UnitOfWork,
  company: Company,
  contact: CompanyContact,
): Company {
  const after = stageCompanyChange(work, company, {
    contactIds: [...company.contactIds, contact.id],
  });
  work.add(newChild(contactItem(contact, after)));
  return after;
}

/**
 * Stages the removal of a contact person: the contact's item (and with it their contact
 * details) is deleted, and the company (if still at the version read) loses them from its list.
 *
 * @param work - the unit of work
 * @param company - the company as read
 * @param contactId - the contact person removed
 * @returns the company as it will be stored
 */
export function stageContactRemoved(
  work: UnitOfWork,
  company: Company,
  contactId: string,
): Company {
  const after = stageCompanyChange(work, company, {
    contactIds: company.contactIds.filter((id) => id !== contactId),
  });
  work.add({ delete: contactKey(contactId), condition: itemMustExist });
  return after;
}
