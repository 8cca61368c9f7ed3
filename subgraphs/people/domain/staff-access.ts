import type { Identity } from '#kernel/identity';
import type { AudienceRules } from './audience.ts';
import { municipalityAudience } from './municipality-access.ts';
import type { StaffMember } from './staff.ts';

/**
 * In what capacity a caller looks at a staff member: `TEAM` (the same municipality's team) or
 * `PARTICIPANT` (a young person of the municipality, or a contact of a company in its network,
 * who needs to know whom to call). Everyone else — the programme office included, which never
 * sees a person — sees nothing of them.
 */
export type StaffAudience = 'TEAM' | 'PARTICIPANT';

const EVERY_AUDIENCE = ['TEAM', 'PARTICIPANT'] as const satisfies readonly StaffAudience[];

/**
 * Who may read each field of `StaffMember`: name, role and work contact details to whoever
 * works with the team; the caseload (which names young people) and the record's version (which
 * only a change of the team needs) to the team only.
 */
export const STAFF_FIELD_ACCESS = {
  id: EVERY_AUDIENCE,
  municipality: EVERY_AUDIENCE,
  name: EVERY_AUDIENCE,
  role: EVERY_AUDIENCE,
  contact: EVERY_AUDIENCE,
  caseload: ['TEAM'],
  version: ['TEAM'],
} as const satisfies AudienceRules<StaffAudience>;

/**
 * A staff member as one caller may see them; the audience is null when they may see nothing of
 * them (the field rules then refuse every field).
 */
export interface StaffView {
  staff: StaffMember;
  audience: StaffAudience | null;
}

/**
 * The caller's audience for a staff member, or null when they may see nothing of them.
 *
 * @param identity - the verified caller
 * @param staff - the staff member's municipality
 * @param participantMunicipalityCode - for a young person or a company contact, the
 *   municipality their records put them in
 */
export function staffAudience(
  identity: Identity,
  staff: Pick<StaffMember, 'municipalityCode'>,
  participantMunicipalityCode?: string,
): StaffAudience | null {
  const audience = municipalityAudience(
    identity,
    staff.municipalityCode,
    participantMunicipalityCode,
  );
  return audience === 'TEAM' || audience === 'PARTICIPANT' ? audience : null;
}

/**
 * A staff member as the caller sees them.
 *
 * @param identity - the verified caller
 * @param staff - the staff member
 * @param participantMunicipalityCode - for a young person or a company contact, the
 *   municipality their records put them in
 */
export function staffViewFor(
  identity: Identity,
  staff: StaffMember,
  participantMunicipalityCode?: string,
): StaffView {
  return { staff, audience: staffAudience(identity, staff, participantMunicipalityCode) };
}
