import {
  type AudienceRules,
  EVERY_AUDIENCE,
  EVERY_AUDIENCE_AND_GROUP_PEERS,
  TEAM_CONTACTS_AND_GROUP_PEERS,
} from './company-audience.ts';

/**
 * Who may read each field of `CompanyContact`, by the caller's audience for the contact's
 * company. Young people see who they would meet (name and role) but not phone numbers or
 * e-mail addresses: they reach a company through their consultant, and a contact person's
 * private number is not theirs to hand around. The contacts of a company in a company group
 * with theirs reach them by name, work phone and e-mail, to cooperate.
 */
export const COMPANY_CONTACT_FIELD_ACCESS = {
  id: EVERY_AUDIENCE_AND_GROUP_PEERS,
  name: EVERY_AUDIENCE_AND_GROUP_PEERS,
  role: EVERY_AUDIENCE,
  phone: TEAM_CONTACTS_AND_GROUP_PEERS,
  email: TEAM_CONTACTS_AND_GROUP_PEERS,
  company: EVERY_AUDIENCE,
} as const satisfies AudienceRules<string>;

/** A field of `CompanyContact`. */
export type CompanyContactField = keyof typeof COMPANY_CONTACT_FIELD_ACCESS;
