import { type Identity, isStaffRole } from '#kernel/identity';
import { MunicipalityCodeSchema } from '#kernel/validation';
import type { StaffView } from './staff-access.ts';

/**
 * Who logs and reads the team's activity log (issue #21). A staff member logs their own work
 * only (the caller is the staff member the activity is of), for their own municipality. A staff
 * member's activities are read by themself and by their municipality's team leader, who leads
 * the work; not by colleagues, nor by the programme office (which sees figures, never a person).
 */

/** In what capacity a caller reads a staff member's activities. */
export type ActivityAudience = 'SELF' | 'TEAM_LEADER';

/** Who may read `StaffMember.activities`. */
export const ACTIVITY_READ_ACCESS = [
  'SELF',
  'TEAM_LEADER',
] as const satisfies readonly ActivityAudience[];

/**
 * Whether the caller may log an activity for the municipality an input names (their own when
 * it names none): a staff member of that municipality, of any role. A malformed code is left to
 * the command (`BAD_USER_INPUT`) for a staff member.
 *
 * @param identity - the verified caller
 * @param municipalityCode - the input's `municipalityCode`, as sent
 */
export function mayRecordActivity(identity: Identity, municipalityCode: unknown): boolean {
  if (!isStaffRole(identity.role) || !('staffId' in identity)) return false;
  if (municipalityCode === null || municipalityCode === undefined) return true;
  const code = MunicipalityCodeSchema.safeParse(municipalityCode);
  return !code.success || code.data === identity.municipalityCode;
}

/**
 * The caller's audience for a staff member's activities, or null.
 *
 * @param identity - the verified caller
 * @param view - the staff member
 */
export function activityAudience(identity: Identity, view: StaffView): ActivityAudience | null {
  if (!isStaffRole(identity.role) || !('staffId' in identity)) return null;
  if (identity.municipalityCode !== view.staff.municipalityCode) return null;
  if (identity.staffId === view.staff.id) return 'SELF';
  return identity.role === 'TEAM_LEADER' ? 'TEAM_LEADER' : null;
}
