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
  // Of the team, only the psychologist themself and the team leader: mayReadPsychologistCaseload.
  psychologistCaseload: ['TEAM'],
  // Of the team, only the staff member themself and their team leader: ACTIVITY_READ_ACCESS.
  activities: ['TEAM'],
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

/**
 * Who may read a psychologist's caseload (`StaffMember.psychologistCaseload`, the young people
 * they see): the psychologist themself, and the team leader of their municipality, who plans the
 * team's work. Not the rest of the team: that a young person sees the psychologist is itself
 * something the psychologist keeps (as their notes), and a consultant has no need of it.
 *
 * @param identity - the verified caller
 * @param staff - the psychologist as the caller sees them
 */
export function mayReadPsychologistCaseload(identity: Identity, staff: StaffView): boolean {
  if (staff.audience !== 'TEAM') return false;
  if (identity.role === 'PSYCHOLOGIST') return identity.staffId === staff.staff.id;
  return identity.role === 'TEAM_LEADER';
}
