import { DomainRuleError } from '#kernel/errors';
import type { StaffIdentity } from '#kernel/identity';
import type { StaffMember } from './staff.ts';

/** Stable codes of the rules about managing a team. */
export const STAFF_RULE = {
  NOT_FOUND: 'STAFF_MEMBER_NOT_FOUND',
  LAST_TEAM_LEADER: 'LAST_TEAM_LEADER',
  CANNOT_REMOVE_SELF: 'CANNOT_REMOVE_SELF',
  CASELOAD_NOT_EMPTY: 'CASELOAD_NOT_EMPTY',
  SAME_ROLE: 'SAME_ROLE',
  FIRST_TEAM_LEADER_ONLY: 'FIRST_TEAM_LEADER_ONLY',
  TEAM_HAS_LEADER: 'TEAM_HAS_LEADER',
  MUNICIPALITY_NOT_REGISTERED: 'MUNICIPALITY_NOT_REGISTERED',
} as const;

/**
 * What the programme office may add to a team: its first team leader, and only to a registered
 * municipality that has none (from then on the team leader manages the team, and a team always
 * keeps one: `requireAnotherTeamLeader`).
 *
 * @param role - the role asked for
 * @param registered - whether the municipality is registered
 * @param team - the municipality's team as read
 */
export function requireFirstTeamLeader(
  role: StaffMember['role'],
  registered: boolean,
  team: readonly StaffMember[],
): void {
  if (role !== 'TEAM_LEADER') {
    throw new DomainRuleError(
      STAFF_RULE.FIRST_TEAM_LEADER_ONLY,
      "The programme office adds a municipality's first team leader only; the team leader adds the rest",
      ['role'],
    );
  }
  if (!registered) {
    throw new DomainRuleError(
      STAFF_RULE.MUNICIPALITY_NOT_REGISTERED,
      'Register the municipality first',
      ['municipalityCode'],
    );
  }
  if (team.some((member) => member.role === 'TEAM_LEADER')) {
    throw new DomainRuleError(
      STAFF_RULE.TEAM_HAS_LEADER,
      'The municipality has a team leader, who manages the team',
      ['municipalityCode'],
    );
  }
}

/**
 * The staff member a change names, when they are on the caller's team. Another municipality's
 * member is answered as no one: who is on another team is not this team's to learn.
 *
 * @param staff - the staff member as read, undefined when there is none
 * @param municipalityCode - the caller's municipality
 * @param path - the input field that names them
 */
export function requireTeamMember(
  staff: StaffMember | undefined,
  municipalityCode: string,
  path: string[] = ['staffId'],
): StaffMember {
  if (staff?.municipalityCode !== municipalityCode) {
    throw new DomainRuleError(
      STAFF_RULE.NOT_FOUND,
      "No such member of the municipality's team",
      path,
    );
  }
  return staff;
}

/**
 * The other team leaders who stay when a member stops leading the team (removed, or given
 * another role); refused when there would be none, since a team without a leader has no one
 * who may manage it.
 *
 * @param team - the team as read
 * @param leaving - the member who stops leading it
 */
export function requireAnotherTeamLeader(
  team: readonly StaffMember[],
  leaving: StaffMember,
): StaffMember[] {
  if (leaving.role !== 'TEAM_LEADER') return [];
  const others = team.filter((member) => member.role === 'TEAM_LEADER' && member.id !== leaving.id);
  if (others.length === 0) {
    throw new DomainRuleError(
      STAFF_RULE.LAST_TEAM_LEADER,
      'A team keeps a team leader: make someone else team leader first',
      ['staffId'],
    );
  }
  return others;
}

/**
 * A team leader does not remove themself (their own request would lose its standing midway):
 * another team leader does it.
 *
 * @param identity - the caller
 * @param staffId - the member to remove
 */
export function requireNotRemovingSelf(identity: StaffIdentity, staffId: string): void {
  if (identity.staffId === staffId) {
    throw new DomainRuleError(
      STAFF_RULE.CANNOT_REMOVE_SELF,
      'You cannot remove yourself; ask another team leader',
      ['staffId'],
    );
  }
}

/**
 * A network consultant who still follows young people keeps the role until they are reassigned
 * (`reassignCaseload`): no young person is left without a consultant unnoticed.
 *
 * @param staff - the consultant
 * @param followsSomeone - whether their caseload holds anyone
 */
export function requireEmptyCaseload(staff: StaffMember, followsSomeone: boolean): void {
  if (staff.role === 'NETWORK_CONSULTANT' && followsSomeone) {
    throw new DomainRuleError(
      STAFF_RULE.CASELOAD_NOT_EMPTY,
      'The consultant still follows young people: reassign their caseload first',
      ['staffId'],
    );
  }
}

/**
 * Refuses a change of role to the role the member has.
 *
 * @param staff - the member
 * @param role - the new role
 */
export function requireNewRole(staff: StaffMember, role: StaffMember['role']): void {
  if (staff.role === role) {
    throw new DomainRuleError(STAFF_RULE.SAME_ROLE, 'The member already has this role', ['role']);
  }
}
