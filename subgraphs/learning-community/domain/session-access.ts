import type { AudienceRules } from '#kernel/audience';
import { isStaffOf } from '#kernel/authorisation';
import type { Identity } from '#kernel/identity';
import { groupAudience } from './group-access.ts';
import type { NetworkGroup } from './network-group.ts';
import type { NetworkSession } from './network-session.ts';

/**
 * In what capacity a caller looks at a network session:
 *
 * - `TEAM`: the team of the session's municipality;
 * - `MEMBER`: a member of the session's group now (see `GroupAudience`);
 * - `ATTENDEE`: a young person on the session's attendance list, who sees the session of
 *   their own attendance record even after leaving the group.
 */
export type SessionAudience = 'TEAM' | 'MEMBER' | 'ATTENDEE';

const EVERY_SESSION_AUDIENCE = [
  'TEAM',
  'MEMBER',
  'ATTENDEE',
] as const satisfies readonly SessionAudience[];

const SESSION_TEAM_ONLY = ['TEAM'] as const satisfies readonly SessionAudience[];

function isOnAttendanceList(session: NetworkSession, memberId: string): boolean {
  return session.attendance.some((entry) => entry.memberId === memberId);
}

/**
 * Whether a field rule needs the session's group to tell the caller's audience: not for the
 * team, and not for a young person on the attendance list, whom every field but the team's
 * admits as `ATTENDEE` or `MEMBER` alike (so that listing sessions loads no group for them).
 */
export function sessionAudienceNeedsGroup(identity: Identity, session: NetworkSession): boolean {
  if (isStaffOf(identity, session.municipalityCode)) return false;
  if (identity.role === 'COMPANY_CONTACT') return true;
  return identity.role === 'YOUTH' && !isOnAttendanceList(session, identity.youthId);
}

/**
 * The caller's audience for a session, or null when the caller may see nothing of it: `TEAM`,
 * else `MEMBER` when the group is given and the caller is a member of it, else `ATTENDEE`.
 *
 * @param identity - the verified caller
 * @param session - the session
 * @param group - its group; undefined where {@link sessionAudienceNeedsGroup} says it is not
 *   needed (a member is then told as `ATTENDEE`)
 */
export function sessionAudience(
  identity: Identity,
  session: NetworkSession,
  group: NetworkGroup | undefined,
): SessionAudience | null {
  if (isStaffOf(identity, session.municipalityCode)) return 'TEAM';
  if (group && groupAudience(identity, group) === 'MEMBER') return 'MEMBER';
  if (identity.role === 'YOUTH' && isOnAttendanceList(session, identity.youthId)) {
    return 'ATTENDEE';
  }
  return null;
}

/**
 * Who may read each field of `NetworkSession`: whoever sees its group, and a young person the
 * session of their own attendance; notes and the attendance list are for the team only.
 */
export const NETWORK_SESSION_FIELD_ACCESS = {
  id: EVERY_SESSION_AUDIENCE,
  group: EVERY_SESSION_AUDIENCE,
  date: EVERY_SESSION_AUDIENCE,
  theme: EVERY_SESSION_AUDIENCE,
  facilitator: EVERY_SESSION_AUDIENCE,
  notes: SESSION_TEAM_ONLY,
  attendanceRecorded: EVERY_SESSION_AUDIENCE,
  attendance: SESSION_TEAM_ONLY,
  version: EVERY_SESSION_AUDIENCE,
  hostCompany: EVERY_SESSION_AUDIENCE,
} as const satisfies AudienceRules<SessionAudience>;

/**
 * Who may find a session by id (`Query.networkSession`): whoever sees its group now; a young
 * person who left reaches their sessions through their own attendance records only.
 */
export const NETWORK_SESSION_QUERY_ACCESS = {
  networkSession: ['TEAM', 'MEMBER'],
} as const satisfies AudienceRules<SessionAudience>;

/** Who may run each mutation on an existing session: its municipality's team. */
export const NETWORK_SESSION_MUTATION_ACCESS = {
  updateNetworkSession: SESSION_TEAM_ONLY,
  recordSessionAttendance: SESSION_TEAM_ONLY,
} as const satisfies AudienceRules<SessionAudience>;
