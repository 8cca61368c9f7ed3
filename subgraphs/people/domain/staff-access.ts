import type { Identity } from '#kernel/identity';
import { type AudienceRules, requireAudience } from './audience.ts';
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
 * works with the team; the caseload (which names young people) to the team only.
 */
export const STAFF_FIELD_ACCESS = {
  id: EVERY_AUDIENCE,
  municipality: EVERY_AUDIENCE,
  name: EVERY_AUDIENCE,
  role: EVERY_AUDIENCE,
  contact: EVERY_AUDIENCE,
  caseload: ['TEAM'],
} as const satisfies AudienceRules<StaffAudience>;

/** A field of `StaffMember`. */
export type StaffField = keyof typeof STAFF_FIELD_ACCESS;

/** A staff member as one caller may see them. */
export interface StaffView {
  staff: StaffMember;
  audience: StaffAudience;
}

/**
 * The caller's audience for a staff member, or null when they may see nothing of them.
 *
 * @param identity - the verified caller
 * @param staff - the staff member's municipality
 * @param companyMunicipalityCode - for a company contact, their company's municipality
 */
export function staffAudience(
  identity: Identity,
  staff: Pick<StaffMember, 'municipalityCode'>,
  companyMunicipalityCode?: string,
): StaffAudience | null {
  const audience = municipalityAudience(identity, staff.municipalityCode, companyMunicipalityCode);
  return audience === 'TEAM' || audience === 'PARTICIPANT' ? audience : null;
}

/** The caller's view of a staff member, or `FORBIDDEN`. */
export function requireStaffVisible(
  identity: Identity,
  staff: StaffMember,
  companyMunicipalityCode?: string,
): StaffView {
  const audience = requireAudience(
    staffAudience(identity, staff, companyMunicipalityCode),
    STAFF_FIELD_ACCESS.id,
    'This staff member',
  );
  return { staff, audience };
}

/** Refuses, with `FORBIDDEN`, a field of a staff member the view's audience may not read. */
export function requireStaffField(view: StaffView, field: StaffField): void {
  requireAudience(view.audience, STAFF_FIELD_ACCESS[field], `The staff member's ${field}`);
}
