import { DomainRuleError } from '#kernel/errors';
import type { StaffMember } from './staff.ts';

/** Stable codes of the rules about a young person's consultant. */
export const CONSULTANT_RULE = {
  NOT_FOUND: 'CONSULTANT_NOT_FOUND',
  NOT_A_CONSULTANT: 'NOT_A_NETWORK_CONSULTANT',
  ALREADY_ASSIGNED: 'CONSULTANT_ALREADY_ASSIGNED',
} as const;

/**
 * The staff member, when they may follow a young person of the municipality: a network
 * consultant of the same municipality.
 *
 * @param staff - the staff member as read, undefined when there is none
 * @param municipalityCode - the young person's municipality
 */
export function requireNetworkConsultantOf(
  staff: StaffMember | undefined,
  municipalityCode: string,
): StaffMember {
  const path = ['consultantId'];
  // Another municipality's staff member is answered as no one: who is on another team is not
  // this team's to learn.
  if (staff?.municipalityCode !== municipalityCode) {
    throw new DomainRuleError(
      CONSULTANT_RULE.NOT_FOUND,
      "No such staff member on the municipality's team",
      path,
    );
  }
  if (staff.role !== 'NETWORK_CONSULTANT') {
    throw new DomainRuleError(
      CONSULTANT_RULE.NOT_A_CONSULTANT,
      'Only a network consultant can follow a young person',
      path,
    );
  }
  return staff;
}

/**
 * Refuses assigning the consultant who already follows the young person.
 *
 * @param current - the young person's consultant now
 * @param consultantId - the consultant to assign
 */
export function requireNewConsultant(current: string | null, consultantId: string): void {
  if (current === consultantId) {
    throw new DomainRuleError(
      CONSULTANT_RULE.ALREADY_ASSIGNED,
      'The consultant already follows the young person',
      ['consultantId'],
    );
  }
}
