import * as z from 'zod';
import { dayOf, planHorizon, programmeStart, requireDateInRange } from '#kernel/date-bounds';
import { DomainRuleError } from '#kernel/errors';
import { danishToday } from '#kernel/today';
import { MAX_COMMAND_ACTIONS } from '#kernel/unit-of-work';
import {
  EntityIdSchema,
  IsoDateSchema,
  MunicipalityCodeSchema,
  textSchema,
} from '#kernel/validation';
import {
  isMember,
  MAX_GROUP_MEMBERS,
  type NetworkGroup,
  NetworkGroupKindSchema,
} from './network-group.ts';
import type { MonthCounts } from './network-stats.ts';

/** Whether a member came to a session. */
export const AttendanceStatusSchema = z.enum(['PRESENT', 'ABSENT', 'EXCUSED']);

/** Whether a member came to a session. */
export type AttendanceStatus = z.infer<typeof AttendanceStatusSchema>;

/** One member's attendance at a session. */
export const AttendanceEntrySchema = z.object({
  memberId: EntityIdSchema,
  status: AttendanceStatusSchema,
});

/** One member's attendance at a session. */
export type AttendanceEntry = z.infer<typeof AttendanceEntrySchema>;

/**
 * A meeting of a network group. The attendance list lives on the session's item (the authority);
 * each member's own attendance item and counters are projections written in the same
 * transaction.
 */
export const NetworkSessionSchema = z.object({
  id: EntityIdSchema,
  groupId: EntityIdSchema,
  groupKind: NetworkGroupKindSchema,
  municipalityCode: MunicipalityCodeSchema,
  date: IsoDateSchema,
  theme: textSchema(),
  facilitatorId: EntityIdSchema,
  notes: textSchema().optional(),
  attendance: z.array(AttendanceEntrySchema).max(MAX_GROUP_MEMBERS * 2),
  attendanceRecordedAt: z.string().optional(),
  version: z.number().int().min(1),
  /** The company that hosts the session, if any: its young attendees are tied to it. */
  hostCompanyId: EntityIdSchema.optional(),
});

/** A meeting of a network group. */
export type NetworkSession = z.infer<typeof NetworkSessionSchema>;

/**
 * The session with the given attendance, after the rules: not for a day still to come, every
 * entry a member of the group now, nobody twice.
 *
 * @param session - the session as read
 * @param group - its group as read
 * @param attendance - the whole list
 * @param now - the clock
 */
export function withAttendance(
  session: NetworkSession,
  group: NetworkGroup,
  attendance: readonly AttendanceEntry[],
  now: Date,
): NetworkSession {
  if (session.date > danishToday(now)) {
    throw new DomainRuleError(
      'SESSION_IN_FUTURE',
      'Attendance can be recorded only for a session that has taken place',
      ['sessionId'],
    );
  }
  const seen = new Set<string>();
  attendance.forEach((entry, index) => {
    const path = ['attendance', String(index), 'memberId'];
    if (seen.has(entry.memberId)) {
      throw new DomainRuleError('DUPLICATE_MEMBER', `${entry.memberId} is listed twice`, path);
    }
    seen.add(entry.memberId);
    if (!isMember(group, entry.memberId)) {
      throw new DomainRuleError(
        'NOT_A_MEMBER',
        `${entry.memberId} is not a member of the group`,
        path,
      );
    }
  });
  const after = {
    ...session,
    attendance: [...attendance],
    attendanceRecordedAt: session.attendanceRecordedAt ?? now.toISOString(),
  };
  if (attendanceActionCount(session, after) > MAX_COMMAND_ACTIONS) {
    throw new DomainRuleError(
      'TOO_MANY_ATTENDANCE_CHANGES',
      `One recording changes at most ${MAX_ATTENDANCE_CHANGES} members' entries; record the list in two steps`,
      ['attendance'],
    );
  }
  return after;
}

/**
 * How many members' entries one recording may change: each changed entry writes the member's
 * record and totals, besides the session, the group's check and the month's counter, and a
 * change is one transaction (`MAX_COMMAND_ACTIONS`). Only a group whose every member was
 * replaced between two recordings of a full list comes near it.
 */
export const MAX_ATTENDANCE_CHANGES = Math.floor((MAX_COMMAND_ACTIONS - 3) / 2);

/**
 * The young people whom a recording newly marks present at a session a company hosts: each is
 * tied to the company in the same transaction (way `GROUP_SESSION`). Only new presences, since
 * a presence recorded before already tied them and a tie never ends.
 *
 * @param before - the session as read
 * @param after - the session with its new attendance
 */
export function newlyPresentAtHost(before: NetworkSession, after: NetworkSession): string[] {
  if (!after.hostCompanyId || after.groupKind !== 'YOUTH') return [];
  return attendanceChanges(before, after)
    .filter((change) => change.after === 'PRESENT')
    .map((change) => change.memberId);
}

/**
 * The actions a recording writes: the session, the group's check and the month's counter, two
 * per changed entry (the member's record and totals) and one per tie to a hosting company.
 */
function attendanceActionCount(before: NetworkSession, after: NetworkSession): number {
  return 3 + 2 * attendanceChanges(before, after).length + newlyPresentAtHost(before, after).length;
}

/** One member's attendance that a recording adds, changes or removes. */
export interface AttendanceChange {
  memberId: string;
  before?: AttendanceStatus;
  after?: AttendanceStatus;
}

/** Members whose attendance differs between two versions of a session. */
export function attendanceChanges(
  before: NetworkSession,
  after: NetworkSession,
): AttendanceChange[] {
  const old = new Map(before.attendance.map((entry) => [entry.memberId, entry.status]));
  const next = new Map(after.attendance.map((entry) => [entry.memberId, entry.status]));
  const changes: AttendanceChange[] = [];
  for (const memberId of new Set([...old.keys(), ...next.keys()])) {
    const was = old.get(memberId);
    const is = next.get(memberId);
    if (was === is) continue;
    changes.push({
      memberId,
      ...(was ? { before: was } : {}),
      ...(is ? { after: is } : {}),
    });
  }
  return changes;
}

/** Counter deltas of one status change: -1 for what it was, +1 for what it is. */
export function statusDelta(
  change: Pick<AttendanceChange, 'before' | 'after'>,
): Omit<MonthCounts, 'sessionsHeld'> {
  const delta = { present: 0, absent: 0, excused: 0 };
  const field = { PRESENT: 'present', ABSENT: 'absent', EXCUSED: 'excused' } as const;
  if (change.before) delta[field[change.before]] -= 1;
  if (change.after) delta[field[change.after]] += 1;
  return delta;
}

/**
 * How a recording moves the municipality's month counter: the session counts as held the
 * first time attendance is recorded, and each changed entry moves one count.
 */
export function monthDelta(before: NetworkSession, after: NetworkSession): MonthCounts {
  const total: MonthCounts = {
    sessionsHeld: before.attendanceRecordedAt ? 0 : 1,
    present: 0,
    absent: 0,
    excused: 0,
  };
  for (const change of attendanceChanges(before, after)) {
    const delta = statusDelta(change);
    total.present += delta.present;
    total.absent += delta.absent;
    total.excused += delta.excused;
  }
  return total;
}

/** The changes a session's edit may make; absent or null leaves a field as it is. */
export interface SessionEdit {
  date?: string | null | undefined;
  theme?: string | null | undefined;
  facilitatorId?: string | null | undefined;
  notes?: string | null | undefined;
}

/**
 * The fields an edit changes; the day can move only while no attendance is recorded, since
 * the counters of its month already count it once it is.
 *
 * @param session - the session as read
 * @param edit - the edit
 */
export function sessionChanges(
  session: NetworkSession,
  edit: SessionEdit,
): Partial<Pick<NetworkSession, 'date' | 'theme' | 'facilitatorId' | 'notes'>> {
  if (edit.date && edit.date !== session.date && session.attendanceRecordedAt) {
    throw new DomainRuleError(
      'SESSION_ALREADY_HELD',
      'The day of a session with recorded attendance cannot change',
      ['date'],
    );
  }
  return {
    ...(edit.date ? { date: edit.date } : {}),
    ...(edit.theme ? { theme: edit.theme } : {}),
    ...(edit.facilitatorId ? { facilitatorId: edit.facilitatorId } : {}),
    ...(edit.notes ? { notes: edit.notes } : {}),
  };
}

/** One entry of a session's attendance as the API shows it, with the group's kind. */
export interface SessionAttendanceView extends AttendanceEntry {
  groupKind: NetworkSession['groupKind'];
  municipalityCode: string;
}

/**
 * Refuses, with `DATE_OUT_OF_RANGE`, a session's day before its group was created (or the
 * programme began) or further ahead than a plan reaches: attendance of a session counts in the
 * members' totals, the figures and the evaluation export, so its day must be one it can have.
 *
 * @param date - the session's day
 * @param group - its group as read
 * @param now - the clock
 */
export function requireSessionDate(
  date: string,
  group: Pick<NetworkGroup, 'createdAt'>,
  now: Date,
): void {
  requireDateInRange(
    date,
    {
      notBefore: [programmeStart, dayOf(group.createdAt, 'the group was created')],
      notAfter: [planHorizon(danishToday(now))],
    },
    ['date'],
  );
}
