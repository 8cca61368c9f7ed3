import { DomainRuleError } from '#kernel/errors';
import type { StaffRole } from '#kernel/identity';

/**
 * The roles that may be a company's account manager (issue #21): the staff who work with
 * companies. A psychologist works with young people and is not the company's person to call.
 */
export const ACCOUNT_MANAGER_ROLES: readonly StaffRole[] = [
  'ENTREPRENEUR',
  'TEAM_LEADER',
  'NETWORK_CONSULTANT',
];

/** What the companies subgraph knows of a staff member when it assigns them. */
export interface StaffOnRecord {
  municipalityCode: string;
  role: StaffRole;
  removed: boolean;
}

/**
 * Refuses an account manager who is not on the company's team now, with one code,
 * `ACCOUNT_MANAGER_NOT_ON_TEAM`, for an unknown staff member, another municipality's and a
 * removed one alike, so the answer tells a caller nothing of another municipality's staff; and
 * `ACCOUNT_MANAGER_ROLE` for a team member whose role does not work with companies.
 *
 * @param staff - the staff member as on record, undefined when there is none
 * @param municipalityCode - the company's municipality
 */
export function requireAccountManager(
  staff: StaffOnRecord | undefined,
  municipalityCode: string,
): void {
  if (!staff || staff.removed || staff.municipalityCode !== municipalityCode) {
    throw new DomainRuleError(
      'ACCOUNT_MANAGER_NOT_ON_TEAM',
      "The account manager must be on the company's municipal team",
      ['staffMemberId'],
    );
  }
  if (!ACCOUNT_MANAGER_ROLES.includes(staff.role)) {
    throw new DomainRuleError(
      'ACCOUNT_MANAGER_ROLE',
      'An account manager is an entrepreneur, a team leader or a network consultant',
      ['staffMemberId'],
    );
  }
}
