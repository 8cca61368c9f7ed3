import { type AudienceRules, EVERY_AUDIENCE, TEAM_AND_OWN_CONTACTS } from './company-audience.ts';

/**
 * Who may read each field of `CompanyContact`, by the caller's audience for the contact's
 * company. Young people see who they would meet (name and role) but not phone numbers or
 * e-mail addresses: they reach a company through their consultant, and a contact person's
 * private number is not theirs to hand around.
 */
export const COMPANY_CONTACT_FIELD_ACCESS = {
  id: EVERY_AUDIENCE,
  name: EVERY_AUDIENCE,
  role: EVERY_AUDIENCE,
  phone: TEAM_AND_OWN_CONTACTS,
  email: TEAM_AND_OWN_CONTACTS,
  company: EVERY_AUDIENCE,
} as const satisfies AudienceRules<string>;

/** A field of `CompanyContact`. */
export type CompanyContactField = keyof typeof COMPANY_CONTACT_FIELD_ACCESS;
