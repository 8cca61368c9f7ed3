import { isStaffOf } from '#kernel/authorisation';
import { type Identity, type Role, STAFF_ROLES } from '#kernel/identity';
import type { GatheringManagerView } from './united-gathering.ts';

/**
 * Who takes part in NEXTWORK United, the cross-municipal learning community. It is open to every
 * municipal team and the programme office; which team member shared a learning, took part or
 * trained is shown to their own team only.
 */

/** Who reads NEXTWORK United's learnings, gatherings and trainings. */
export const UNITED_READERS = [...STAFF_ROLES, 'PROGRAMME'] as const satisfies readonly Role[];

/** Who plans gatherings, records their outcomes and records trainings of new teams. */
export const UNITED_ORGANISERS = ['PROGRAMME', 'TEAM_LEADER'] as const satisfies readonly Role[];

/** Who shares a practice learning: a member of a municipal team, on behalf of that team. */
export const LEARNING_SHARERS = STAFF_ROLES;

/**
 * A team member named in NEXTWORK United, for their own municipality's team only: everyone
 * else sees the municipality and the role, not the person.
 *
 * @param identity - the caller
 * @param staffId - the team member, when one is named
 * @param municipalityCode - their municipality
 */
export function staffVisibleToOwnTeam(
  identity: Identity,
  staffId: string | undefined,
  municipalityCode: string | undefined,
): { id: string } | null {
  if (!staffId || !municipalityCode || !isStaffOf(identity, municipalityCode)) return null;
  return { id: staffId };
}

/**
 * Whether the caller may read a gathering manager's name (an employee's personal data): the
 * programme office, and the teams of the municipalities taking part in the gathering. Other
 * teams see the municipality and the title, not the person.
 *
 * @param identity - the caller
 * @param manager - the manager, with the municipalities taking part in their gathering
 */
export function mayReadManagerName(identity: Identity, manager: GatheringManagerView): boolean {
  if (identity.role === 'PROGRAMME') return true;
  return manager.takingPart.some((code) => isStaffOf(identity, code));
}
