import { type ItemKey, key } from '#kernel/keys';
import type { Item, TransactAction } from '#kernel/table/table';
import {
  type AttendanceRecord,
  AttendanceRecordSchema,
  type AttendanceTotals,
} from '../domain/attendance.ts';
import type { MemberKind } from '../domain/network-group.ts';
import { participantPartition } from './network-group-entity.ts';

const RECORD = 'ATTENDANCE';
const TOTALS = 'ATTENDANCE_TOTALS';

/** Key of a member's record of one session, sorted by the session's day. */
export function attendanceRecordKey(
  kind: MemberKind,
  memberId: string,
  date: string,
  sessionId: string,
): ItemKey {
  return { pk: participantPartition(kind, memberId), sk: key(RECORD, date, sessionId) };
}

/** Key of a member's attendance totals. */
export function attendanceTotalsKey(kind: MemberKind, memberId: string): ItemKey {
  return { pk: participantPartition(kind, memberId), sk: TOTALS };
}

/** The stored item of a member's record of one session. */
export function attendanceRecordToItem(kind: MemberKind, record: AttendanceRecord): Item {
  return {
    ...attendanceRecordKey(kind, record.memberId, record.date, record.sessionId),
    entity: 'AttendanceRecord',
    ...record,
  };
}

/** A record from its stored item. */
export function attendanceRecordFromItem(item: Item): AttendanceRecord {
  return AttendanceRecordSchema.parse(item);
}

/** The transaction action that moves a member's totals. */
export function attendanceTotalsAction(
  kind: MemberKind,
  memberId: string,
  delta: AttendanceTotals,
): TransactAction {
  return {
    update: attendanceTotalsKey(kind, memberId),
    spec: { set: { entity: 'AttendanceTotals', memberId }, add: { ...delta } },
  };
}

/** The stored totals of a member (for seeding). */
export function attendanceTotalsToItem(
  kind: MemberKind,
  memberId: string,
  totals: AttendanceTotals,
): Item {
  return {
    ...attendanceTotalsKey(kind, memberId),
    entity: 'AttendanceTotals',
    memberId,
    ...totals,
  };
}

/** Totals from their item; zero when nothing is recorded yet. */
export function attendanceTotalsFromItem(item: Item | undefined): AttendanceTotals {
  return {
    present: Number(item?.present ?? 0),
    absent: Number(item?.absent ?? 0),
    excused: Number(item?.excused ?? 0),
  };
}

/** The query of a member's records, newest first. */
export function attendanceRecordsQuery(kind: MemberKind, memberId: string) {
  return {
    partition: participantPartition(kind, memberId),
    beginsWith: key(RECORD, ''),
    forward: false,
  };
}
