import type { AudienceRules } from '#kernel/audience';
import { isStaffOf } from '#kernel/authorisation';
import type { Identity } from '#kernel/identity';
import { isMember, type NetworkGroup } from './network-group.ts';

/**
 * In what capacity a caller looks at a network group (who may see what:
 * `docs/authorisation.md`):
 *
 * - `TEAM`: a member of the team of the group's municipality (any staff role);
 * - `MEMBER`: a young person who is a member of a youth group of their municipality, or a
 *   contact person of a company that takes part in a company group.
 *
 * Everyone else (other young people, other companies, another municipality's team, the
 * programme office) has no audience and sees nothing of the group.
 */
export type GroupAudience = 'TEAM' | 'MEMBER';

/** Who may see a thing of a group: its team and its members. */
export const TEAM_AND_MEMBERS = ['TEAM', 'MEMBER'] as const satisfies readonly GroupAudience[];

/** Who may see or do a thing of a group: its team only. */
export const GROUP_TEAM_ONLY = ['TEAM'] as const satisfies readonly GroupAudience[];

/**
 * The caller's audience for a group, or null when the caller may see nothing of it.
 *
 * @param identity - the verified caller
 * @param group - the group
 */
export function groupAudience(identity: Identity, group: NetworkGroup): GroupAudience | null {
  if (isStaffOf(identity, group.municipalityCode)) return 'TEAM';
  if (identity.role === 'YOUTH') {
    // The group's record says who belongs (members joined from its municipality); the token's
    // municipality is no scope of the young person's.
    const member = group.kind === 'YOUTH' && isMember(group, identity.youthId);
    return member ? 'MEMBER' : null;
  }
  if (identity.role === 'COMPANY_CONTACT') {
    const takesPart =
      group.kind === 'COMPANY' &&
      group.members.some((member) => member.companyId === identity.companyId);
    return takesPart ? 'MEMBER' : null;
  }
  return null;
}

/** Whether the caller may see a group at all. */
export function canSeeGroup(identity: Identity, group: NetworkGroup): boolean {
  return groupAudience(identity, group) !== null;
}

/**
 * Who may read each field of `NetworkGroup` (and resolve it by id or reference): its team and
 * its members; the member list with its details is for the team only, the member companies and
 * young people (as references the owner subgraphs decide on) for members too.
 */
export const NETWORK_GROUP_FIELD_ACCESS = {
  id: TEAM_AND_MEMBERS,
  kind: TEAM_AND_MEMBERS,
  municipality: TEAM_AND_MEMBERS,
  name: TEAM_AND_MEMBERS,
  facilitator: TEAM_AND_MEMBERS,
  cadence: TEAM_AND_MEMBERS,
  memberCount: TEAM_AND_MEMBERS,
  members: GROUP_TEAM_ONLY,
  sessions: TEAM_AND_MEMBERS,
  sharedStories: TEAM_AND_MEMBERS,
  version: TEAM_AND_MEMBERS,
  // Issue #20: companies of a company group cooperate, and a youth group is its members'. Who
  // the others are, not how they take part (`members`, with ids and days joined, stays the
  // team's); what each member sees of the others is the owner subgraph's rule.
  memberCompanies: TEAM_AND_MEMBERS,
  youthMembers: TEAM_AND_MEMBERS,
} as const satisfies AudienceRules<GroupAudience>;

/** Who may run each mutation on an existing group: its municipality's team. */
export const NETWORK_GROUP_MUTATION_ACCESS = {
  updateNetworkGroup: GROUP_TEAM_ONLY,
  addNetworkGroupMembers: GROUP_TEAM_ONLY,
  removeNetworkGroupMembers: GROUP_TEAM_ONLY,
  scheduleNetworkSession: GROUP_TEAM_ONLY,
} as const satisfies AudienceRules<GroupAudience>;
