import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { Item } from '#kernel/table/table';
import type { Company } from '../domain/company.ts';
import { type CompanyContact, CompanyContactSchema } from '../domain/company-contact.ts';
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

/** A company's contact person. */
export const CompanyContactEntity = defineEntity<CompanyContact>({
  name: 'CompanyContact',
  schema: CompanyContactSchema,
  key: (contact) => contactKey(contact.id),
  indexes: {
    gsi1: (contact) => ({
      pk: key(PREFIX.company, contact.companyId, 'CONTACTS'),
      sk: contact.id,
    }),
  },
});

/**
 * The stored item of a contact person, at their company's place in its municipality's list.
 *
 * @param contact - the contact person
 * @param company - their company as it is stored with them
 */
export function contactItem(contact: CompanyContact, company: Company): Item {
  return {
    ...CompanyContactEntity.toItem(contact),
    ...companyChildIndexKeys(company, 'CONTACT', contact.id),
  };
}
