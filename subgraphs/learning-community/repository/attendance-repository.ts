import type { Connection } from '#kernel/connection';
import type { CursorCodec } from '#kernel/cursor';
import type { ItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import type { AttendanceRecord, AttendanceTotals } from '../domain/attendance.ts';
import type { MemberKind } from '../domain/network-group.ts';
import {
  attendanceRecordFromItem,
  attendanceRecordsQuery,
  attendanceTotalsFromItem,
  attendanceTotalsKey,
} from './attendance-entity.ts';
import { type PageRequest, queryConnection } from './paging.ts';

/** A member's attendance totals (one item, through the loader). */
export async function readAttendanceTotals(
  loader: ItemLoader,
  kind: MemberKind,
  memberId: string,
): Promise<AttendanceTotals> {
  return attendanceTotalsFromItem(await loader.load(attendanceTotalsKey(kind, memberId)));
}

/** One page of a member's own attendance records, newest first. */
export function listAttendanceRecords(
  table: Table,
  cursors: CursorCodec,
  kind: MemberKind,
  memberId: string,
  page: PageRequest,
): Promise<Connection<AttendanceRecord>> {
  return queryConnection(
    table,
    cursors,
    attendanceRecordsQuery(kind, memberId),
    page,
    attendanceRecordFromItem,
  );
}
