import * as z from 'zod';
import { requireIdentity } from '#kernel/authorisation';
import { defineCommand } from '#kernel/command';
import type { ItemLoader } from '#kernel/entity-loader';
import { DomainRuleError, NotFoundError } from '#kernel/errors';
import type { Identity } from '#kernel/identity';
import { newId } from '#kernel/keys';
import {
  loadContact,
  stageContactAdded,
  stageContactRemoved,
} from '../repository/company-contact-repository.ts';
import {
  disablePendingSignIn,
  disablePendingSignIns,
  stageSignInDisable,
} from '../repository/sign-in-disable-entity.ts';
import type { Company } from './company.ts';
import { aboutCompany, companyAtVersion, companyToChange } from './company-changes.ts';
import type { CompanyContact } from './company-contact.ts';
import { AddCompanyContactInputSchema, RemoveCompanyContactInputSchema } from './company-inputs.ts';
import { requireNotLastContact, requireRoomForContact } from './company-lifecycle.ts';

/** What adding a contact person returns: the contact and their company as it is now. */
export interface ContactAdded {
  contact: CompanyContact;
  company: Company;
}

/** What adding a contact person remembers for a repeat: ids only. */
const RememberedContactSchema = z.object({ contactId: z.string(), companyId: z.string() });

/**
 * `addCompanyContact`: adds a contact person to a company, at most ten (the team or the
 * company's contacts).
 */
export const addCompanyContactCommand = defineCommand({
  name: 'addCompanyContact',
  input: AddCompanyContactInputSchema,
  async execute(context, input, work): Promise<ContactAdded> {
    const company = await companyToChange(context.loader, input.companyId);
    requireRoomForContact(company);
    const contact: CompanyContact = {
      ...input.contact,
      id: newId(context.now().getTime()),
      companyId: company.id,
      municipalityCode: company.municipalityCode,
    };
    return { contact, company: stageContactAdded(work, company, contact) };
  },
  remember: ({ contact, company }) => ({ contactId: contact.id, companyId: company.id }),
  async recall(context, remembered): Promise<ContactAdded> {
    const { contactId, companyId } = RememberedContactSchema.parse(remembered);
    const [contact, company] = await Promise.all([
      contactToChange(context.loader, contactId),
      companyToChange(context.loader, companyId),
    ]);
    return { contact, company };
  },
  about: (_input, { company }) => aboutCompany(company),
});

/** What removing a contact person returns: whom, and their company as it is now. */
export interface ContactRemoved {
  removedContactId: string;
  company: Company;
}

/** What removing a contact person remembers for a repeat: ids only. */
const RememberedRemovalSchema = z.object({ removedContactId: z.string(), companyId: z.string() });

/**
 * A contact person cannot remove themself (they would lock themself out mid-request): a
 * colleague or the team does it.
 *
 * @param identity - the caller
 * @param contactId - the contact person to remove
 */
export function requireNotRemovingSelf(identity: Identity, contactId: string): void {
  if (identity.role === 'COMPANY_CONTACT' && identity.contactId === contactId) {
    throw new DomainRuleError(
      'CANNOT_REMOVE_SELF',
      'You cannot remove yourself; ask a colleague or your municipal contact to do it',
      ['contactId'],
    );
  }
}

/**
 * `removeCompanyContact`: removes a contact person, never the company's last one; the
 * person's item and contact details are deleted (the team or the company's contacts).
 */
export const removeCompanyContactCommand = defineCommand({
  name: 'removeCompanyContact',
  input: RemoveCompanyContactInputSchema,
  async execute(context, input, work): Promise<ContactRemoved> {
    const contact = await contactToChange(context.loader, input.contactId);
    const company = await companyAtVersion(context.loader, {
      companyId: contact.companyId,
      expectedVersion: input.expectedVersion,
    });
    if (!company.contactIds.includes(contact.id)) throw noSuchContact();
    requireNotRemovingSelf(requireIdentity(context), contact.id);
    requireNotLastContact(company);
    const removed = {
      removedContactId: contact.id,
      company: stageContactRemoved(work, company, contact.id),
    };
    // Their sign-in goes with them: staged in this transaction, done after it commits.
    stageSignInDisable(work, { nextworkId: contact.id, username: contact.email }, context.now());
    work.afterCommit(async () => {
      const directory = context.services.signIn();
      await disablePendingSignIn(context.table, directory, contact.id);
      // And any earlier removal's whose follow-up failed: the next removal repairs it.
      await disablePendingSignIns(context.table, directory);
    });
    return removed;
  },
  remember: ({ removedContactId, company }) => ({ removedContactId, companyId: company.id }),
  async recall(context, remembered): Promise<ContactRemoved> {
    const { removedContactId, companyId } = RememberedRemovalSchema.parse(remembered);
    return { removedContactId, company: await companyToChange(context.loader, companyId) };
  },
  about: (_input, { company }) => aboutCompany(company),
});

function noSuchContact(): NotFoundError {
  return new NotFoundError('There is no contact person with this id');
}

/** A contact person read strongly consistent for a change, or `NOT_FOUND`. */
async function contactToChange(loader: ItemLoader, contactId: string): Promise<CompanyContact> {
  const contact = await loadContact(loader, contactId);
  if (!contact) throw noSuchContact();
  return contact;
}
