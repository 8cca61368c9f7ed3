import { requireStaffOf } from '#kernel/authorisation';
import { ForbiddenError } from '#kernel/errors';
import { type Identity, isStaffRole } from '#kernel/identity';
import type { Company } from './company.ts';
import {
  type AudienceRules,
  type CompanyAudience,
  companyAudience,
  EVERY_AUDIENCE,
  requireAudience,
  TEAM_AND_OWN_CONTACTS,
  TEAM_ONLY,
} from './company-audience.ts';

/**
 * Who may read each field of `Company` (see {@link CompanyAudience}). Young people see what
 * they need to choose a company (name, industry, town, status, contacts' names and roles,
 * open opportunities); CVR, pause details, dates and versions stay with the team and the
 * company itself.
 */
export const COMPANY_FIELD_ACCESS = {
  id: EVERY_AUDIENCE,
  cvr: TEAM_AND_OWN_CONTACTS,
  name: EVERY_AUDIENCE,
  industry: EVERY_AUDIENCE,
  address: EVERY_AUDIENCE,
  municipality: EVERY_AUDIENCE,
  status: EVERY_AUDIENCE,
  pause: TEAM_AND_OWN_CONTACTS,
  joinedOn: TEAM_AND_OWN_CONTACTS,
  leftOn: TEAM_AND_OWN_CONTACTS,
  contacts: EVERY_AUDIENCE,
  opportunities: EVERY_AUDIENCE,
  version: TEAM_AND_OWN_CONTACTS,
} as const satisfies AudienceRules<string>;

/** A field of `Company`. */
export type CompanyField = keyof typeof COMPANY_FIELD_ACCESS;

/**
 * Who may read each field of `CompanyAddress`: young people see the town only, because a sole
 * proprietor's business address may be their home.
 */
export const COMPANY_ADDRESS_FIELD_ACCESS = {
  street: TEAM_AND_OWN_CONTACTS,
  postcode: TEAM_AND_OWN_CONTACTS,
  town: EVERY_AUDIENCE,
} as const satisfies AudienceRules<string>;

/** A field of `CompanyAddress`. */
export type CompanyAddressField = keyof typeof COMPANY_ADDRESS_FIELD_ACCESS;

/**
 * Who may run each mutation on an existing company. Joining and leaving the network are the
 * municipal team's decisions; a company's own contacts keep its details, contact persons,
 * pauses and opportunities up to date. Taking back a company that left is the team's too
 * (checked by {@link requireMayResume}). Young people and the programme office change nothing.
 */
export const COMPANY_MUTATION_ACCESS = {
  joinNetwork: TEAM_ONLY,
  updateCompany: TEAM_AND_OWN_CONTACTS,
  addCompanyContact: TEAM_AND_OWN_CONTACTS,
  removeCompanyContact: TEAM_AND_OWN_CONTACTS,
  pauseCompany: TEAM_AND_OWN_CONTACTS,
  resumeCompany: TEAM_AND_OWN_CONTACTS,
  leaveNetwork: TEAM_ONLY,
  addOpportunity: TEAM_AND_OWN_CONTACTS,
  updateOpportunity: TEAM_AND_OWN_CONTACTS,
  openOpportunity: TEAM_AND_OWN_CONTACTS,
  closeOpportunity: TEAM_AND_OWN_CONTACTS,
} as const satisfies AudienceRules<string>;

/** A mutation of the companies subgraph. */
export type CompanyMutation = keyof typeof COMPANY_MUTATION_ACCESS;

/** The caller's audience for a company, or `FORBIDDEN` when they may see nothing of it. */
export function requireCompanyVisible(identity: Identity, company: Company): CompanyAudience {
  return requireAudience(companyAudience(identity, company), EVERY_AUDIENCE, 'This company');
}

/** The caller's audience, when it may read this field of the company; otherwise `FORBIDDEN`. */
export function requireCompanyField(
  identity: Identity,
  company: Company,
  field: CompanyField,
): CompanyAudience {
  return requireAudience(
    companyAudience(identity, company),
    COMPANY_FIELD_ACCESS[field],
    `The company's ${field}`,
  );
}

/** The caller's audience, when it may read this field of the company's address. */
export function requireCompanyAddressField(
  identity: Identity,
  company: Company,
  field: CompanyAddressField,
): CompanyAudience {
  return requireAudience(
    companyAudience(identity, company),
    COMPANY_ADDRESS_FIELD_ACCESS[field],
    `The company's ${field}`,
  );
}

/** The caller's audience, when it may run this mutation on the company; otherwise `FORBIDDEN`. */
export function requireCompanyMutation(
  identity: Identity,
  company: Company,
  mutation: CompanyMutation,
): CompanyAudience {
  return requireAudience(
    companyAudience(identity, company),
    COMPANY_MUTATION_ACCESS[mutation],
    'This change of the company',
  );
}

/**
 * Refuses callers who can never change a company (young people, the programme office, the
 * data protection officer) before their input is even read.
 */
export function requireCompanyWriter(identity: Identity): void {
  if (identity.role === 'COMPANY_CONTACT' || isStaffRole(identity.role)) return;
  throw new ForbiddenError('Only the municipal team and company contacts change companies');
}

/** Joining the network: the team of the municipality the company joins. */
export function requireMayJoin(identity: Identity, municipalityCode: string): void {
  requireStaffOf(identity, municipalityCode);
}

/** Taking a company back after it left is the team's decision; resuming after a pause is not. */
export function requireMayResume(audience: CompanyAudience, company: Company): void {
  if (company.status === 'LEFT' && audience !== 'TEAM') {
    throw new ForbiddenError('Only the municipal team may take back a company that left');
  }
}
