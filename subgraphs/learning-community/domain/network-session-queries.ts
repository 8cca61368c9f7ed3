import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import { NotFoundError } from '#kernel/errors';
import type { PageRequest } from '#kernel/listing';
import { loadGroup } from '../repository/network-group-repository.ts';
import { listSessionsOfGroup, loadSession } from '../repository/network-session-repository.ts';
import type { AttendanceRecord } from './attendance.ts';
import type { NetworkGroup } from './network-group.ts';
import type { NetworkSession, SessionAttendanceView } from './network-session.ts';

/**
 * Reads of network sessions. Who may see a session, its notes and its attendance is the rule
 * of each field of `NetworkSession` (`authorisation-rules.ts`); these only read.
 */

/** A session by id; null when none exists. */
export async function findNetworkSession(
  context: SubgraphContext,
  sessionId: string,
): Promise<NetworkSession | null> {
  return (await loadSession(context.loader, sessionId)) ?? null;
}

/** One page of a group's sessions, newest first. */
export function sessionsOfGroup(
  context: SubgraphContext,
  group: NetworkGroup,
  page: PageRequest,
): Promise<Connection<NetworkSession>> {
  return listSessionsOfGroup(context, group.id, page);
}

/** A session's group (which a session never outlives). */
export async function groupOfSession(
  context: SubgraphContext,
  session: NetworkSession,
): Promise<NetworkGroup> {
  const group = await loadGroup(context.loader, session.groupId);
  if (!group) throw new NotFoundError('No such network group');
  return group;
}

/** A session's attendance list as the API shows it, with the group's kind. */
export function attendanceOfSession(session: NetworkSession): SessionAttendanceView[] {
  return session.attendance.map((entry) => ({
    ...entry,
    groupKind: session.groupKind,
    municipalityCode: session.municipalityCode,
  }));
}

/** The session of one of a member's own attendance records. */
export async function sessionOfRecord(
  context: SubgraphContext,
  record: AttendanceRecord,
): Promise<NetworkSession> {
  const session = await loadSession(context.loader, record.sessionId);
  if (!session) throw new NotFoundError('No such network session');
  return session;
}
