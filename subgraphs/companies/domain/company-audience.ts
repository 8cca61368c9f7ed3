import {
  type AudienceRules as KernelAudienceRules,
  requireAudience as requireKernelAudience,
} from '#kernel/audience';
import { isStaffOf } from '#kernel/authorisation';
import type { Identity } from '#kernel/identity';
import { type Company, isContactOf } from './company.ts';

/**
 * In what capacity a caller looks at a company (and at its contacts and opportunities):
 *
 * - `TEAM`: a member of the municipal team of the company's municipality (any staff role);
 * - `OWN_CONTACT`: one of the company's current contact persons (a removed contact whose token
 *   still lives is no longer one);
 * - `YOUTH`: a young person of the company's municipality, browsing.
 *
 * Everyone else (another municipality's team or young people, another company's contacts, the
 * programme office, the data protection officer) has no audience and sees nothing.
 */
export type CompanyAudience = 'TEAM' | 'OWN_CONTACT' | 'YOUTH';

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

/** Who may do a thing: the municipal team only. */
export const TEAM_ONLY = ['TEAM'] as const satisfies readonly CompanyAudience[];

/** A table of rules: for each field (or mutation) of a type, the audiences allowed (kernel mechanism). */
export type AudienceRules<Name extends string> = KernelAudienceRules<CompanyAudience, Name>;

/**
 * The caller's audience for a company, or null when the caller may see nothing of it.
 *
 * @param identity - the verified caller
 * @param company - the company
 */
export function companyAudience(identity: Identity, company: Company): CompanyAudience | null {
  if (isStaffOf(identity, company.municipalityCode)) return 'TEAM';
  if (identity.role === 'COMPANY_CONTACT') {
    return identity.companyId === company.id && isContactOf(company, identity.contactId)
      ? 'OWN_CONTACT'
      : null;
  }
  if (identity.role === 'YOUTH' && identity.municipalityCode === company.municipalityCode) {
    return 'YOUTH';
  }
  return null;
}

/**
 * The audience, when it is one of the allowed; otherwise `FORBIDDEN`.
 *
 * @param audience - the caller's audience, null for none
 * @param allowed - the audiences the rule allows
 * @param what - what is refused, for the message (no personal data)
 */
export function requireAudience(
  audience: CompanyAudience | null,
  allowed: readonly CompanyAudience[],
  what: string,
): CompanyAudience {
  return requireKernelAudience(audience, allowed, what, COMPANY_REFUSALS);
}

/** How a company's records are refused: no audience means another company or municipality. */
const COMPANY_REFUSALS = {
  none: (what: string) => `${what} belongs to another company or municipality`,
  role: (what: string) => `${what} is not open to your role`,
};
