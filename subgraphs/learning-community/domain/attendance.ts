import * as z from 'zod';
import { EntityIdSchema, IsoDateSchema } from '#kernel/validation';
import { AttendanceStatusSchema } from './network-session.ts';

/**
 * A member's own record of one session, kept in the member's item collection so that their
 * attendance is read from their own items, not from every session of every group.
 */
export const AttendanceRecordSchema = z.object({
  memberId: EntityIdSchema,
  sessionId: EntityIdSchema,
  groupId: EntityIdSchema,
  date: IsoDateSchema,
  status: AttendanceStatusSchema,
});

/** A member's own record of one session. */
export type AttendanceRecord = z.infer<typeof AttendanceRecordSchema>;

/** How often a member was present, absent and excused, over all their groups. */
export interface AttendanceTotals {
  present: number;
  absent: number;
  excused: number;
}

/** A young person's attendance as the API shows it: totals, and whose records to list. */
export interface YouthAttendanceView extends AttendanceTotals {
  youthId: string;
  municipalityCode: string;
}
