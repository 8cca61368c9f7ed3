import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { Item } from '#kernel/table/table';
import type { Company } from '../domain/company.ts';
import type { CompanyContact } from '../domain/company-contact.ts';
import { companyChildIndexKeys } from './company-children-entity.ts';

/**
 * A contact person's item, `CONTACT#<id>` (the shared key; readers rely on `companyId`). On
 * gsi1 the contacts of a company share the partition `COMPANY#<id>#CONTACTS`, so that
 * "everything about a company's contacts" (maintenance, erasure) is one query without reading
 * the company; on gsi3 they sort under the company's place in its municipality's list
 * (`company-children-entity.ts`).
 */
export function contactKey(contactId: string): ItemKey {
  return sharedKeys.contact(contactId);
}

/**
 * The stored item of a contact person.
 *
 * @param contact - the contact person
 * @param company - their company as it is stored with them
 */
export function contactToItem(contact: CompanyContact, company: Company): Item {
  return {
    ...contactKey(contact.id),
    entity: 'CompanyContact',
    gsi1pk: key(PREFIX.company, contact.companyId, 'CONTACTS'),
    gsi1sk: contact.id,
    ...companyChildIndexKeys(company, 'CONTACT', contact.id),
    id: contact.id,
    companyId: contact.companyId,
    municipalityCode: contact.municipalityCode,
    name: contact.name,
    role: contact.role,
    phone: contact.phone,
    email: contact.email,
  };
}

/** A contact person from the stored item. */
export function contactFromItem(item: Item): CompanyContact {
  return {
    id: String(item.id),
    companyId: String(item.companyId),
    municipalityCode: String(item.municipalityCode),
    name: String(item.name),
    role: String(item.role),
    phone: String(item.phone),
    email: String(item.email),
  };
}
