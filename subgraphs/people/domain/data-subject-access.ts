import type { Identity } from '#kernel/identity';
import type { AudienceRules } from './audience.ts';
import type { Youth } from './youth.ts';
import { audienceByRole, type YouthAudience, youthAudience } from './youth-access.ts';

/**
 * In what capacity a caller acts on a young person's rights under the GDPR — access (art. 15)
 * and erasure (art. 17) — and on the trail of who did what with their data: as for the young
 * person themself (`YouthAudience`: the young person, their team), or as
 * `DATA_PROTECTION_OFFICER`, the data protection officer of the young person's municipality,
 * who carries out access and erasure requests and reads the audit trail, and reads no case data
 * (`YOUTH_FIELD_ACCESS` gives them no field).
 */
export type DataSubjectAudience = YouthAudience | 'DATA_PROTECTION_OFFICER';

/**
 * Who may do what about a young person's rights: the one place these rules live.
 *
 * - `exportYouthData`: the young person themself, staff of their municipality on their behalf,
 *   or their municipality's data protection officer;
 * - `eraseYouth`: the data protection officer of their municipality alone — erasure is
 *   irreversible, and whether an exception of art. 17(3) applies is the officer's legal
 *   assessment, not a team decision;
 * - `auditTrail`: the data protection officer of their municipality alone.
 */
export const DATA_SUBJECT_ACCESS = {
  exportYouthData: ['TEAM', 'PSYCHOLOGIST', 'SELF', 'DATA_PROTECTION_OFFICER'],
  eraseYouth: ['DATA_PROTECTION_OFFICER'],
  auditTrail: ['DATA_PROTECTION_OFFICER'],
} as const satisfies AudienceRules<DataSubjectAudience>;

/**
 * The caller's audience for a young person's rights, or null when they have none.
 *
 * @param identity - the verified caller
 * @param youth - the young person's id and municipality
 */
export function dataSubjectAudience(
  identity: Identity,
  youth: Pick<Youth, 'id' | 'municipalityCode'>,
): DataSubjectAudience | null {
  if (identity.role === 'DATA_PROTECTION_OFFICER') {
    return identity.municipalityCode === youth.municipalityCode ? 'DATA_PROTECTION_OFFICER' : null;
  }
  return youthAudience(identity, youth, false);
}

/**
 * The audience a caller would have for the rights of a young person of whom only the id is
 * known (one erased, or who never existed): what their role allows anywhere. A role that could
 * never act is refused before it learns whether the id exists.
 *
 * @param identity - the verified caller
 * @param youthId - the young person's id
 */
export function dataSubjectAudienceByRole(
  identity: Identity,
  youthId: string,
): DataSubjectAudience | null {
  if (identity.role === 'DATA_PROTECTION_OFFICER') return 'DATA_PROTECTION_OFFICER';
  return audienceByRole(identity, youthId);
}
