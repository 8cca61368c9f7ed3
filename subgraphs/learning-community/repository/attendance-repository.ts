import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import type { ListingReader, PageRequest } from '#kernel/listing';
import type { UnitOfWork } from '#kernel/unit-of-work';
import type { AttendanceRecord, AttendanceTotals } from '../domain/attendance.ts';
import type { MemberKind } from '../domain/network-group.ts';
import {
  AttendanceRecordEntities,
  AttendanceTotalsEntities,
  attendanceRecordKey,
  attendanceRecordsQuery,
  attendanceTotalsKey,
  totalsOf,
} from './attendance-entity.ts';

/** A member's attendance totals (one item, through the loader). */
export async function readAttendanceTotals(
  loader: ItemLoader,
  kind: MemberKind,
  memberId: string,
): Promise<AttendanceTotals> {
  const stored = await AttendanceTotalsEntities[kind].loadOne(
    loader,
    attendanceTotalsKey(kind, memberId),
  );
  return totalsOf(stored);
}

/** One page of a member's own attendance records, newest first. */
export function listAttendanceRecords(
  reader: ListingReader,
  kind: MemberKind,
  memberId: string,
  page: PageRequest,
): Promise<Connection<AttendanceRecord>> {
  return AttendanceRecordEntities[kind].page(
    reader,
    { query: attendanceRecordsQuery(kind, memberId) },
    page,
  );
}

/**
 * Stages a member's own record of a session: written for a status, deleted when the member is
 * no longer on the session's list.
 *
 * @param work - the unit of work
 * @param kind - young person or contact person
 * @param record - the record; its status undefined when it goes
 */
export function stageAttendanceRecord(
  work: UnitOfWork,
  kind: MemberKind,
  record: Omit<AttendanceRecord, 'status'> & { status: AttendanceRecord['status'] | undefined },
): void {
  const { status, ...about } = record;
  if (status) {
    work.add({ put: AttendanceRecordEntities[kind].toItem({ ...about, status }) });
  } else {
    work.add({ delete: attendanceRecordKey(kind, about.memberId, about.date, about.sessionId) });
  }
}

/**
 * Adds to a member's attendance totals.
 *
 * @param work - the unit of work
 * @param kind - young person or contact person
 * @param memberId - the member
 * @param delta - what each total moves by
 */
export function countAttendance(
  work: UnitOfWork,
  kind: MemberKind,
  memberId: string,
  delta: AttendanceTotals,
): void {
  work.count(
    attendanceTotalsKey(kind, memberId),
    { entity: AttendanceTotalsEntities[kind].name, memberId },
    { ...delta },
  );
}
