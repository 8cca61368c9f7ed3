import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import type { ListingReader, PageRequest } from '#kernel/listing';
import { versionIs } from '#kernel/table/expressions';
import type { Table, TransactAction } from '#kernel/table/table';
import { tieSource, youthCompanyTieAdded } from '#kernel/ties';
import { UnitOfWork } from '#kernel/unit-of-work';
import { memberKindOf, type NetworkGroup } from '../domain/network-group.ts';
import {
  attendanceChanges,
  monthDelta,
  type NetworkSession,
  newlyPresentAtHost,
  statusDelta,
} from '../domain/network-session.ts';
import { monthOf } from '../domain/network-stats.ts';
import { countAttendance, stageAttendanceRecord } from './attendance-repository.ts';
import { groupKey } from './network-group-entity.ts';
import {
  NetworkSessionEntity,
  sessionKey,
  sessionsOfGroupQuery,
} from './network-session-entity.ts';
import { countMonth } from './network-stats-entity.ts';

/** Sessions by id through the request's batching loader; undefined where none exists. */
export function loadSessions(
  loader: ItemLoader,
  sessionIds: readonly string[],
): Promise<Array<NetworkSession | undefined>> {
  return NetworkSessionEntity.load(loader, sessionIds.map(sessionKey));
}

/** One session through the request's batching loader. */
export function loadSession(
  loader: ItemLoader,
  sessionId: string,
): Promise<NetworkSession | undefined> {
  return NetworkSessionEntity.loadOne(loader, sessionKey(sessionId));
}

/** One page of a group's sessions, newest first. */
export function listSessionsOfGroup(
  reader: ListingReader,
  groupId: string,
  page: PageRequest,
): Promise<Connection<NetworkSession>> {
  return NetworkSessionEntity.page(reader, { query: sessionsOfGroupQuery(groupId) }, page);
}

/** Every session of a group (maintenance: the recount reads them all). */
export function readAllSessionsOfGroup(table: Table, groupId: string): Promise<NetworkSession[]> {
  return NetworkSessionEntity.readAll(table, sessionsOfGroupQuery(groupId));
}

/**
 * Stages a session's recorded attendance: the session at the version read, a check that the
 * group's members did not change since the list was checked against them, each member's own
 * record and totals where their entry changed, the month's counters where they move, and a tie
 * to the hosting company for each young person newly present at a session a company hosts.
 *
 * @param work - the unit of work
 * @param group - the session's group, as the attendance was checked against
 * @param before - the session as read
 * @param after - the session with its new attendance
 * @returns the session as it will be stored
 */
export function stageAttendance(
  work: UnitOfWork,
  group: NetworkGroup,
  before: NetworkSession,
  after: NetworkSession,
): NetworkSession {
  const stored = work.change(NetworkSessionEntity, before, {
    attendance: after.attendance,
    attendanceRecordedAt: after.attendanceRecordedAt,
  });
  work.add({ check: groupKey(group.id), condition: versionIs(group.version) });
  const kind = memberKindOf(stored.groupKind);
  for (const change of attendanceChanges(before, stored)) {
    stageAttendanceRecord(work, kind, {
      memberId: change.memberId,
      sessionId: stored.id,
      groupId: stored.groupId,
      date: stored.date,
      status: change.after,
    });
    countAttendance(work, kind, change.memberId, statusDelta(change));
  }
  const { hostCompanyId } = stored;
  for (const youthId of hostCompanyId ? newlyPresentAtHost(before, stored) : []) {
    work.add(
      youthCompanyTieAdded({
        youthId,
        companyId: hostCompanyId as string,
        // A youth group is its municipality's, and so are its members.
        municipalityCode: stored.municipalityCode,
        source: tieSource.session(stored.id),
        way: 'GROUP_SESSION',
        day: stored.date,
      }),
    );
  }
  countMonth(work, stored.municipalityCode, monthOf(stored.date), monthDelta(before, stored));
  return stored;
}

/**
 * The transaction of a recording outside a request (fixtures and seeding build consistent data
 * with it): what {@link stageAttendance} stages.
 */
export function attendanceActions(
  group: NetworkGroup,
  before: NetworkSession,
  after: NetworkSession,
): TransactAction[] {
  const work = new UnitOfWork();
  stageAttendance(work, group, before, after);
  return work.transaction([]);
}
