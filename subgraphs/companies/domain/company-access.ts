import type { Company } from './company.ts';
import {
  type AudienceRules,
  type CompanyAudience,
  EVERY_AUDIENCE,
  EVERY_AUDIENCE_AND_GROUP_PEERS,
  TEAM_AND_OWN_CONTACTS,
  TEAM_ONLY,
} from './company-audience.ts';

/**
 * Who may read each field of `Company` (see {@link CompanyAudience}). Young people see what
 * they need to choose a company (name, industry, town, status, contacts' names and roles,
 * open opportunities); CVR, pause details, dates and versions stay with the team and the
 * company itself. The contacts of a company that shares a company group with it see who it is
 * and who to call (its name and contacts), so that they can cooperate; nothing else.
 */
export const COMPANY_FIELD_ACCESS = {
  id: EVERY_AUDIENCE_AND_GROUP_PEERS,
  cvr: TEAM_AND_OWN_CONTACTS,
  name: EVERY_AUDIENCE_AND_GROUP_PEERS,
  industry: EVERY_AUDIENCE,
  address: EVERY_AUDIENCE,
  municipality: EVERY_AUDIENCE,
  status: EVERY_AUDIENCE,
  pause: TEAM_AND_OWN_CONTACTS,
  joinedOn: TEAM_AND_OWN_CONTACTS,
  leftOn: TEAM_AND_OWN_CONTACTS,
  contacts: EVERY_AUDIENCE_AND_GROUP_PEERS,
  opportunities: EVERY_AUDIENCE,
  version: TEAM_AND_OWN_CONTACTS,
  // The company's size is its own business and the team's: it sets how many young people the
  // company may take (rimelighedskravet), which is the team's to plan with.
  employees: TEAM_AND_OWN_CONTACTS,
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
 * ({@link mutationAudiences}). Young people and the programme office change nothing.
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

/** Who may take back a company that left: the municipal team, whose decision it is. */
export const RESUME_AFTER_LEAVING_ACCESS = TEAM_ONLY;

/**
 * The audiences that may run a mutation on a company as it is: {@link COMPANY_MUTATION_ACCESS},
 * but resuming a company that left is {@link RESUME_AFTER_LEAVING_ACCESS}.
 *
 * @param mutation - the mutation
 * @param company - the company it changes, as read
 */
export function mutationAudiences(
  mutation: CompanyMutation,
  company: Company,
): readonly CompanyAudience[] {
  return mutation === 'resumeCompany' && company.status === 'LEFT'
    ? RESUME_AFTER_LEAVING_ACCESS
    : COMPANY_MUTATION_ACCESS[mutation];
}
