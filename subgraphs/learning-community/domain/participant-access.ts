import type { AudienceRules } from '#kernel/audience';
import { isStaffOf } from '#kernel/authorisation';
import type { Identity } from '#kernel/identity';

/**
 * In what capacity a caller looks at a young person's network data (their groups, attendance
 * and stories): `SELF`, the young person themself, or `TEAM`, the team of their municipality.
 * Nobody else sees any of it.
 */
export type YouthAudience = 'SELF' | 'TEAM';

/** The young person and their team. */
export const SELF_AND_TEAM = ['SELF', 'TEAM'] as const satisfies readonly YouthAudience[];

/**
 * The caller's audience for a young person, or null.
 *
 * @param identity - the verified caller
 * @param youthId - the young person
 * @param municipalityCode - their municipality; undefined when no such young person exists
 */
export function youthAudience(
  identity: Identity,
  youthId: string,
  municipalityCode: string | undefined,
): YouthAudience | null {
  if (identity.role === 'YOUTH') return identity.youthId === youthId ? 'SELF' : null;
  return municipalityCode && isStaffOf(identity, municipalityCode) ? 'TEAM' : null;
}

/** Who may read each of the learning community's fields of `Youth`, and resolve the entity. */
export const YOUTH_FIELD_ACCESS = {
  networkGroups: SELF_AND_TEAM,
  attendance: SELF_AND_TEAM,
  workStories: SELF_AND_TEAM,
  peerTieCount: SELF_AND_TEAM,
} as const satisfies AudienceRules<YouthAudience>;

/** Who may write a work story about a young person: they themself, or with their team. */
export const YOUTH_MUTATION_ACCESS = {
  writeWorkStory: SELF_AND_TEAM,
} as const satisfies AudienceRules<YouthAudience>;

/**
 * In what capacity a caller looks at a company's network groups: `OWN_CONTACT`, a contact
 * person of the company, or `TEAM`, the team of its municipality.
 */
export type CompanyAudience = 'OWN_CONTACT' | 'TEAM';

/**
 * The caller's audience for a company, or null.
 *
 * @param identity - the verified caller
 * @param companyId - the company
 * @param municipalityCode - its municipality; undefined when no such company exists
 */
export function companyAudience(
  identity: Identity,
  companyId: string,
  municipalityCode: string | undefined,
): CompanyAudience | null {
  if (!municipalityCode) return null;
  if (identity.role === 'COMPANY_CONTACT') {
    return identity.companyId === companyId ? 'OWN_CONTACT' : null;
  }
  return isStaffOf(identity, municipalityCode) ? 'TEAM' : null;
}

/** Who may read the learning community's fields of `Company`, and resolve the entity. */
export const COMPANY_FIELD_ACCESS = {
  networkGroups: ['OWN_CONTACT', 'TEAM'],
  // Shared with the company, not with its municipality's team (the young person's own team
  // reads every story of theirs through `Youth.workStories`).
  sharedStories: ['OWN_CONTACT'],
} as const satisfies AudienceRules<CompanyAudience>;
