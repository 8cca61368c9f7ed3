import * as z from 'zod';
import { BadUserInputError } from '#kernel/errors';
import type { Identity } from '#kernel/identity';
import { IsoDateSchema } from '#kernel/validation';

/** How many groups of each kind a municipality has now (one counter item). */
export interface GroupCounts {
  youthGroups: number;
  companyGroups: number;
}

/** What one month's counter item holds: sessions held and attendance recorded in that month. */
export interface MonthCounts {
  sessionsHeld: number;
  present: number;
  absent: number;
  excused: number;
}

/** The figures `Municipality.networkStats` returns. */
export interface NetworkStats extends GroupCounts {
  sessionsHeld: number;
  attendance: AttendanceCounts;
}

/** Attendance counts as shown; null where a small cell is suppressed. */
export interface AttendanceCounts {
  present: number | null;
  absent: number | null;
  excused: number | null;
  rate: number | null;
}

/** A period as whole months, `YYYY-MM`, both ends included; open ends mean "every month". */
export interface MonthRange {
  fromMonth?: string;
  toMonth?: string;
}

/** Counts from 1 to this are hidden from the programme office, so nobody can be singled out. */
export const SMALL_CELL_LIMIT = 4;

const PeriodSchema = z
  .object({ from: IsoDateSchema.optional(), to: IsoDateSchema.optional() })
  .refine(({ from, to }) => !from || !to || from <= to, {
    message: 'from must not be after to',
    path: ['from'],
  });

/** The month (`YYYY-MM`) a date falls in. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/**
 * The months a period touches; a period is a sum of monthly counters.
 *
 * @param from - first day, or null for "since the beginning"
 * @param to - last day, or null for "until now"
 */
export function monthRange(from?: string | null, to?: string | null): MonthRange {
  const parsed = PeriodSchema.safeParse({ from: from ?? undefined, to: to ?? undefined });
  if (!parsed.success) {
    throw new BadUserInputError('Invalid period: from must not be after to', [
      { path: 'from', message: 'must not be after to' },
    ]);
  }
  return {
    ...(parsed.data.from ? { fromMonth: monthOf(parsed.data.from) } : {}),
    ...(parsed.data.to ? { toMonth: monthOf(parsed.data.to) } : {}),
  };
}

/** The sum of monthly counters. */
export function sumMonths(months: readonly MonthCounts[]): MonthCounts {
  return months.reduce(
    (sum, month) => ({
      sessionsHeld: sum.sessionsHeld + month.sessionsHeld,
      present: sum.present + month.present,
      absent: sum.absent + month.absent,
      excused: sum.excused + month.excused,
    }),
    { sessionsHeld: 0, present: 0, absent: 0, excused: 0 },
  );
}

/** Present as a share of everything recorded, or null when nothing is. */
export function attendanceRate(counts: {
  present: number;
  absent: number;
  excused: number;
}): number | null {
  const recorded = counts.present + counts.absent + counts.excused;
  return recorded === 0 ? null : counts.present / recorded;
}

/**
 * The figures for a caller. The programme office sees counts of people only above the small
 * cell limit; the municipality's own team sees them all.
 *
 * @param identity - the caller, already allowed to see the municipality's figures
 * @param groups - the group counters
 * @param period - the summed months of the period
 */
export function networkStatsFor(
  identity: Identity,
  groups: GroupCounts,
  period: MonthCounts,
): NetworkStats {
  const suppress = identity.role === 'PROGRAMME';
  const shown = (n: number) => (suppress && n > 0 && n <= SMALL_CELL_LIMIT ? null : n);
  const present = shown(period.present);
  const absent = shown(period.absent);
  const excused = shown(period.excused);
  const anySuppressed = [present, absent, excused].includes(null);
  return {
    youthGroups: groups.youthGroups,
    companyGroups: groups.companyGroups,
    sessionsHeld: period.sessionsHeld,
    attendance: {
      present,
      absent,
      excused,
      rate: anySuppressed ? null : attendanceRate(period),
    },
  };
}
