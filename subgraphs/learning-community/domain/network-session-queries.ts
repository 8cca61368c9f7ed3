import { requireIdentity, requireStaffOf } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import { ForbiddenError } from '#kernel/errors';
import { loadGroups } from '../repository/network-group-repository.ts';
import { listSessionsOfGroup, loadSessions } from '../repository/network-session-repository.ts';
import type { PageRequest } from '../repository/paging.ts';
import { canReadYouth, canSeeGroup, requireGroupVisible } from './access.ts';
import type { AttendanceRecord } from './attendance.ts';
import type { NetworkGroup } from './network-group.ts';
import type { NetworkSession, SessionAttendanceView } from './network-session.ts';

/** A session by id for whoever may see its group; null when none exists. */
export async function findNetworkSession(
  context: SubgraphContext,
  sessionId: string,
): Promise<NetworkSession | null> {
  const identity = requireIdentity(context);
  const [session] = await loadSessions(context.loader, [sessionId]);
  if (!session) return null;
  const [group] = await loadGroups(context.loader, [session.groupId]);
  if (!group || !canSeeGroup(identity, group)) {
    throw new ForbiddenError('This network session is not yours');
  }
  return session;
}

/** One page of a group's sessions, newest first, for whoever may see the group. */
export function sessionsOfGroup(
  context: SubgraphContext,
  group: NetworkGroup,
  page: PageRequest,
): Promise<Connection<NetworkSession>> {
  requireGroupVisible(requireIdentity(context), group);
  return listSessionsOfGroup(context.table, context.cursors, group.id, page);
}

/** A session's group, for whoever may see it. */
export async function groupOfSession(
  context: SubgraphContext,
  session: NetworkSession,
): Promise<NetworkGroup> {
  const [group] = await loadGroups(context.loader, [session.groupId]);
  if (!group) throw new ForbiddenError('This network group is not yours');
  return requireGroupVisible(requireIdentity(context), group);
}

/** A session's notes: the municipality's team only. */
export function notesOfSession(context: SubgraphContext, session: NetworkSession): string | null {
  requireStaffOf(requireIdentity(context), session.municipalityCode);
  return session.notes ?? null;
}

/** A session's attendance list: the municipality's team only. */
export function attendanceOfSession(
  context: SubgraphContext,
  session: NetworkSession,
): SessionAttendanceView[] {
  requireStaffOf(requireIdentity(context), session.municipalityCode);
  return session.attendance.map((entry) => ({
    ...entry,
    groupKind: session.groupKind,
    municipalityCode: session.municipalityCode,
  }));
}

/** The session of a young person's attendance record: for the young person and their team. */
export async function sessionOfRecord(
  context: SubgraphContext,
  record: AttendanceRecord,
): Promise<NetworkSession> {
  const identity = requireIdentity(context);
  const [session] = await loadSessions(context.loader, [record.sessionId]);
  if (!session || !canReadYouth(identity, record.memberId, session.municipalityCode)) {
    throw new ForbiddenError('This network session is not yours');
  }
  return session;
}
