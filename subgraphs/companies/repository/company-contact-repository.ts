import type { ItemLoader } from '#kernel/entity-loader';
import { itemMustExist } from '#kernel/table/expressions';
import type { Table } from '#kernel/table/table';
import type { Company } from '../domain/company.ts';
import type { CompanyContact } from '../domain/company-contact.ts';
import { contactFromItem, contactKey, contactToItem } from './company-contact-entity.ts';
import { companyToItem } from './company-entity.ts';
import { type CompaniesStore, forget, remember } from './store.ts';
import { nextVersion, putIfVersion, putNew } from './versioned.ts';

/** Contact persons by id through the request's batching loader; undefined where none. */
export async function loadContacts(
  loader: ItemLoader,
  contactIds: readonly string[],
): Promise<Array<CompanyContact | undefined>> {
  const items = await loader.loadMany(contactIds.map(contactKey));
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return item ? contactFromItem(item) : undefined;
  });
}

/** A contact person read strongly consistent, as a change must start from. */
export async function readContact(
  table: Table,
  contactId: string,
): Promise<CompanyContact | undefined> {
  const item = await table.get(contactKey(contactId));
  return item ? contactFromItem(item) : undefined;
}

/**
 * Adds a contact person to a company in one transaction: the new contact, and the company
 * (if still at the version read) with the contact in its list.
 *
 * @param store - the table and the request's loader
 * @param before - the company as read
 * @param after - the company with the contact added
 * @param contact - the new contact person
 */
export async function addContactToCompany(
  store: CompaniesStore,
  before: Company,
  after: Company,
  contact: CompanyContact,
): Promise<Company> {
  const saved = nextVersion(before, after);
  const companyItem = companyToItem(saved);
  const contactItem = contactToItem(contact, saved);
  await store.table.transact([putNew(contactItem), putIfVersion(companyItem, before.version)]);
  remember(store, [companyItem, contactItem]);
  return saved;
}

/**
 * Removes a contact person in one transaction: the contact's item (and with it their contact
 * details) is deleted, and the company (if still at the version read) loses them from its list.
 *
 * @param store - the table and the request's loader
 * @param before - the company as read
 * @param after - the company without the contact
 * @param contactId - the contact person removed
 */
export async function removeContactFromCompany(
  store: CompaniesStore,
  before: Company,
  after: Company,
  contactId: string,
): Promise<Company> {
  const saved = nextVersion(before, after);
  const companyItem = companyToItem(saved);
  await store.table.transact([
    { delete: contactKey(contactId), condition: itemMustExist },
    putIfVersion(companyItem, before.version),
  ]);
  remember(store, [companyItem]);
  forget(store, contactKey(contactId));
  return saved;
}
