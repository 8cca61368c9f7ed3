import type { Connection } from '#kernel/connection';
import type { CursorCodec } from '#kernel/cursor';
import type { ItemLoader } from '#kernel/entity-loader';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { Table, TransactAction } from '#kernel/table/table';
import { memberKindOf, type NetworkGroup } from '../domain/network-group.ts';
import {
  attendanceChanges,
  monthDelta,
  type NetworkSession,
  statusDelta,
} from '../domain/network-session.ts';
import { monthOf } from '../domain/network-stats.ts';
import {
  attendanceRecordKey,
  attendanceRecordToItem,
  attendanceTotalsAction,
} from './attendance-entity.ts';
import { groupKey } from './network-group-entity.ts';
import {
  sessionFromItem,
  sessionKey,
  sessionsOfGroupQuery,
  sessionToItem,
} from './network-session-entity.ts';
import { monthCountAction } from './network-stats-entity.ts';
import { type PageRequest, queryConnection } from './paging.ts';

/** Sessions by id through the request's batching loader; undefined where none exists. */
export async function loadSessions(
  loader: ItemLoader,
  sessionIds: readonly string[],
): Promise<Array<NetworkSession | undefined>> {
  const items = await loader.loadMany(sessionIds.map(sessionKey));
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return item ? sessionFromItem(item) : undefined;
  });
}

/** One session, read strongly consistent (before a versioned write). */
export async function getSession(
  table: Table,
  sessionId: string,
): Promise<NetworkSession | undefined> {
  const item = await table.get(sessionKey(sessionId));
  return item ? sessionFromItem(item) : undefined;
}

/** Stores a new session. */
export async function createSession(table: Table, session: NetworkSession): Promise<void> {
  await table.put(sessionToItem(session), itemMustNotExist);
}

/** Stores a changed session if nobody changed it since it was read (else `CONFLICT`). */
export async function saveSession(
  table: Table,
  before: NetworkSession,
  after: NetworkSession,
): Promise<void> {
  await table.put(sessionToItem(after), versionIs(before.version));
}

/**
 * Stores a session's recorded attendance in one transaction: the session (at the version read),
 * a check that the group's members did not change meanwhile, each member's own record and
 * totals where their entry changed, and the month's counters on the municipality's counter item
 * where they move.
 *
 * @param table - the table
 * @param group - the session's group, as the attendance was checked against
 * @param before - the session as read
 * @param after - the session with its new attendance; version `before.version + 1`
 */
export async function saveAttendance(
  table: Table,
  group: NetworkGroup,
  before: NetworkSession,
  after: NetworkSession,
): Promise<void> {
  await table.transact(attendanceActions(group, before, after));
}

/** The actions of {@link saveAttendance}, also used to seed consistent data. */
export function attendanceActions(
  group: NetworkGroup,
  before: NetworkSession,
  after: NetworkSession,
): TransactAction[] {
  const kind = memberKindOf(after.groupKind);
  const memberActions = attendanceChanges(before, after).flatMap((change): TransactAction[] => [
    change.after
      ? {
          put: attendanceRecordToItem(kind, {
            memberId: change.memberId,
            sessionId: after.id,
            groupId: after.groupId,
            date: after.date,
            status: change.after,
          }),
        }
      : { delete: attendanceRecordKey(kind, change.memberId, after.date, after.id) },
    attendanceTotalsAction(kind, change.memberId, statusDelta(change)),
  ]);
  const monthAction = monthCountAction(
    after.municipalityCode,
    monthOf(after.date),
    monthDelta(before, after),
  );
  return [
    { put: sessionToItem(after), condition: versionIs(before.version) },
    { check: groupKey(group.id), condition: versionIs(group.version) },
    ...(monthAction ? [monthAction] : []),
    ...memberActions,
  ];
}

/** One page of a group's sessions, newest first. */
export function listSessionsOfGroup(
  table: Table,
  cursors: CursorCodec,
  groupId: string,
  page: PageRequest,
): Promise<Connection<NetworkSession>> {
  return queryConnection(table, cursors, sessionsOfGroupQuery(groupId), page, sessionFromItem);
}
