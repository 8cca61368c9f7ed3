import type { AudienceRules as KernelAudienceRules } from '#kernel/audience';
import { isStaffOf } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { NO_COMPANY } from '#kernel/current-contact';
import { sharesGroupNow } from '#kernel/group-peers';
import { type Identity, type Role, STAFF_ROLES } from '#kernel/identity';
import { callerInRecordedScope } from '#kernel/recorded-scope';
import type { Company } from './company.ts';

/**
 * In what capacity a caller looks at a company (and at its contacts and opportunities):
 *
 * - `TEAM`: a member of the municipal team of the company's municipality (any staff role);
 * - `OWN_CONTACT`: one of the company's current contact persons (a removed contact whose token
 *   still lives is a contact of no company: `#kernel/current-contact`);
 * - `YOUTH`: a young person of the company's municipality (as their own record says, not their
 *   token: {@link companyAudienceInScope}), browsing;
 * - `GROUP_PEER`: a current contact person of another company that takes part in a company
 *   network group with this one now (issue #20: "so companies can cooperate"), as the learning
 *   community's group says (`#kernel/group-peers`); it ends when either company leaves the group
 *   or the contact leaves their company.
 *
 * Everyone else (another municipality's team or young people, another company's contacts, the
 * programme office, the data protection officer) has no audience and sees nothing.
 */
export type CompanyAudience = 'TEAM' | 'OWN_CONTACT' | 'YOUTH' | 'GROUP_PEER';

/** Who may see a thing: every audience. */
export const EVERY_AUDIENCE = [
  'TEAM',
  'OWN_CONTACT',
  'YOUTH',
] as const satisfies readonly CompanyAudience[];

/** Who may see a thing: the team and the company's own contacts, not young people. */
export const TEAM_AND_OWN_CONTACTS = [
  'TEAM',
  'OWN_CONTACT',
] as const satisfies readonly CompanyAudience[];

/**
 * Who may see a thing: the team, the company's own contacts and the contacts of the companies
 * it shares a company group with (who the company is and how to reach its people).
 */
export const TEAM_CONTACTS_AND_GROUP_PEERS = [
  'TEAM',
  'OWN_CONTACT',
  'GROUP_PEER',
] as const satisfies readonly CompanyAudience[];

/** Who may see a thing: every audience, group peers included. */
export const EVERY_AUDIENCE_AND_GROUP_PEERS = [
  ...EVERY_AUDIENCE,
  'GROUP_PEER',
] as const satisfies readonly CompanyAudience[];

/** Who may do a thing: the municipal team only. */
export const TEAM_ONLY = ['TEAM'] as const satisfies readonly CompanyAudience[];

/** A table of rules: for each field (or mutation) of a type, the audiences allowed (kernel mechanism). */
export type AudienceRules<Name extends string> = KernelAudienceRules<CompanyAudience, Name>;

/**
 * The caller's audience for a company, or null when the caller may see nothing of it.
 *
 * @param identity - the verified caller
 * @param company - the company
 * @param groupPeer - for another company's contact: whether their company shares a company
 *   group with this one now ({@link sharesCompanyGroupNow})
 */
export function companyAudience(
  identity: Identity,
  company: Company,
  groupPeer = false,
): CompanyAudience | null {
  if (isStaffOf(identity, company.municipalityCode)) return 'TEAM';
  if (identity.role === 'COMPANY_CONTACT') {
    if (identity.companyId === company.id) return 'OWN_CONTACT';
    return groupPeer ? 'GROUP_PEER' : null;
  }
  if (identity.role === 'YOUTH' && identity.municipalityCode === company.municipalityCode) {
    return 'YOUTH';
  }
  return null;
}

/**
 * The caller's audience for a company, a young person's decided by the municipality their own
 * record names rather than their token's claim (read once a request, for young people only).
 *
 * @param identity - the verified caller
 * @param company - the company
 * @param context - the request
 */
export function companyAudienceInScope(
  identity: Identity,
  company: Company,
  context: Pick<SubgraphContext, 'loader' | 'table'>,
): CompanyAudience | null | Promise<CompanyAudience | null> {
  if (identity.role === 'COMPANY_CONTACT' && identity.companyId !== company.id) {
    return sharesCompanyGroupNow(context, identity, company.id).then((peer) =>
      companyAudience(identity, company, peer),
    );
  }
  if (identity.role !== 'YOUTH') return companyAudience(identity, company);
  return callerInRecordedScope(context, identity).then((caller) =>
    companyAudience(caller, company),
  );
}

/**
 * Whether the caller is a contact person of a company that shares a company network group with
 * the company now (read once a request for all the companies asked about: `#kernel/group-peers`).
 * A removed contact is a contact of no company and shares nothing.
 *
 * @param context - the request
 * @param identity - the verified caller, as they stand now
 * @param companyId - the company asked about
 */
export async function sharesCompanyGroupNow(
  context: Pick<SubgraphContext, 'loader' | 'table'>,
  identity: Identity,
  companyId: string,
): Promise<boolean> {
  if (identity.role !== 'COMPANY_CONTACT' || identity.companyId === NO_COMPANY) return false;
  return sharesGroupNow(context, 'COMPANY', identity.companyId, companyId);
}

/** The roles whose callers hold an audience for some company. */
const ROLES_OF_AUDIENCE: Readonly<Record<CompanyAudience, readonly Role[]>> = {
  TEAM: STAFF_ROLES,
  OWN_CONTACT: ['COMPANY_CONTACT'],
  YOUTH: ['YOUTH'],
  GROUP_PEER: ['COMPANY_CONTACT'],
};

/**
 * Whether a caller of this role may hold one of the audiences for some company: those who
 * could never do a thing are refused it before they learn whether a record exists.
 *
 * @param role - the caller's role
 * @param audiences - the audiences allowed
 */
export function mayHoldAudience(role: Role, audiences: readonly CompanyAudience[]): boolean {
  return audiences.some((audience) => ROLES_OF_AUDIENCE[audience].includes(role));
}
