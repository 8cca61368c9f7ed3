import * as z from 'zod';
import { defineEntity } from '#kernel/entity';
import { type ItemKey, key } from '#kernel/keys';
import type { Item } from '#kernel/table/table';
import { EntityIdSchema } from '#kernel/validation';
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

function attendanceRecordEntity(kind: MemberKind) {
  return defineEntity<AttendanceRecord>({
    name: 'AttendanceRecord',
    schema: AttendanceRecordSchema,
    key: (record) => attendanceRecordKey(kind, record.memberId, record.date, record.sessionId),
  });
}

/**
 * A member's own record of one session, in the member's collection (one entity per kind of
 * member: the kind is in the key, not in the item).
 */
export const AttendanceRecordEntities: Readonly<
  Record<MemberKind, ReturnType<typeof attendanceRecordEntity>>
> = {
  YOUTH: attendanceRecordEntity('YOUTH'),
  CONTACT: attendanceRecordEntity('CONTACT'),
};

/** A member's attendance totals as stored: counters that recordings add to. */
export const AttendanceTotalsSchema = z.object({
  memberId: EntityIdSchema,
  present: z.number().int().default(0),
  absent: z.number().int().default(0),
  excused: z.number().int().default(0),
});

/** A member's attendance totals as stored. */
export type StoredAttendanceTotals = z.infer<typeof AttendanceTotalsSchema>;

function attendanceTotalsEntity(kind: MemberKind) {
  return defineEntity<StoredAttendanceTotals>({
    name: 'AttendanceTotals',
    schema: AttendanceTotalsSchema,
    key: (totals) => attendanceTotalsKey(kind, totals.memberId),
  });
}

/** A member's attendance totals (one entity per kind of member). */
export const AttendanceTotalsEntities: Readonly<
  Record<MemberKind, ReturnType<typeof attendanceTotalsEntity>>
> = {
  YOUTH: attendanceTotalsEntity('YOUTH'),
  CONTACT: attendanceTotalsEntity('CONTACT'),
};

/** The stored totals of a member (for seeding and fixtures). */
export function attendanceTotalsToItem(
  kind: MemberKind,
  memberId: string,
  totals: AttendanceTotals,
): Item {
  return AttendanceTotalsEntities[kind].toItem({ memberId, ...totals });
}

/** Totals as the API counts them; zero when nothing is recorded yet. */
export function totalsOf(stored: StoredAttendanceTotals | undefined): AttendanceTotals {
  return {
    present: stored?.present ?? 0,
    absent: stored?.absent ?? 0,
    excused: stored?.excused ?? 0,
  };
}

/** The listing of a member's records, newest first. */
export function attendanceRecordsQuery(kind: MemberKind, memberId: string) {
  return {
    partition: participantPartition(kind, memberId),
    beginsWith: key(RECORD, ''),
    forward: false,
  };
}
