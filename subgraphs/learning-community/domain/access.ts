import { isStaffOf, requireStaffOf } from '#kernel/authorisation';
import { ForbiddenError } from '#kernel/errors';
import { type Identity, isStaffRole, type StaffIdentity } from '#kernel/identity';
import { isMember, type NetworkGroup } from './network-group.ts';

/**
 * Who may see what in the learning community (DESIGN §5): a young person their own groups,
 * attendance and stories; a company contact the groups its company takes part in; staff their
 * own municipality; NEXTWORK United is open to every team and the programme office.
 */

/**
 * Whether the caller may see a group: the municipality's team, a young person who is a member of
 * a youth group, or a contact of a company that takes part in a company group.
 */
export function canSeeGroup(identity: Identity, group: NetworkGroup): boolean {
  if (isStaffOf(identity, group.municipalityCode)) return true;
  if (identity.role === 'YOUTH') {
    return (
      group.kind === 'YOUTH' &&
      identity.municipalityCode === group.municipalityCode &&
      isMember(group, identity.youthId)
    );
  }
  if (identity.role === 'COMPANY_CONTACT') {
    return (
      group.kind === 'COMPANY' &&
      group.members.some((member) => member.companyId === identity.companyId)
    );
  }
  return false;
}

/** The group, or `FORBIDDEN` when the caller may not see it. */
export function requireGroupVisible(identity: Identity, group: NetworkGroup): NetworkGroup {
  if (!canSeeGroup(identity, group)) throw new ForbiddenError('This network group is not yours');
  return group;
}

/** The caller as a member of the group's municipal team, or `FORBIDDEN`. */
export function requireGroupStaff(identity: Identity, group: NetworkGroup): StaffIdentity {
  return requireStaffOf(identity, group.municipalityCode);
}

/**
 * Whether the caller may read a young person's network data: the young person themself, or the
 * team of the young person's municipality.
 *
 * @param identity - the caller
 * @param youthId - the young person
 * @param municipalityCode - the young person's municipality, as the people subgraph stores it
 */
export function canReadYouth(
  identity: Identity,
  youthId: string,
  municipalityCode: string,
): boolean {
  if (identity.role === 'YOUTH') return identity.youthId === youthId;
  return isStaffOf(identity, municipalityCode);
}

/**
 * Whether the caller may see a company's network groups: the company's own contacts, or the
 * team of the company's municipality.
 */
export function canReadCompany(
  identity: Identity,
  companyId: string,
  municipalityCode: string,
): boolean {
  if (identity.role === 'COMPANY_CONTACT') return identity.companyId === companyId;
  return isStaffOf(identity, municipalityCode);
}

/** NEXTWORK United's learnings, gatherings and trainings: every team and the programme office. */
export function requireUnitedReader(identity: Identity): Identity {
  if (identity.role === 'PROGRAMME' || isStaffRole(identity.role)) return identity;
  throw new ForbiddenError(
    'NEXTWORK United is open to the municipal teams and the programme office',
  );
}

/** Planning gatherings and recording trainings: the programme office or a team leader. */
export function requireUnitedOrganiser(identity: Identity): Identity {
  if (identity.role === 'PROGRAMME' || identity.role === 'TEAM_LEADER') return identity;
  throw new ForbiddenError('Only the programme office or a team leader may do this');
}

/** Sharing a practice learning: a member of a municipal team, on behalf of that team. */
export function requireAnyStaff(identity: Identity): StaffIdentity {
  if (!isStaffRole(identity.role)) throw new ForbiddenError('Only the municipal team may do this');
  return identity as StaffIdentity;
}
