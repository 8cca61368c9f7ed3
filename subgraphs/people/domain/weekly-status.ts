import * as z from 'zod';
import { addDays, addMonths } from '#kernel/calendar';
import type { YouthStatus } from './youth.ts';

/**
 * A young person's weekly status: the outcome measure the effect evaluation uses. It is derived
 * from the recorded, dated status history — never typed in — so the same history always gives
 * the same series, here, in the figures and in the researchers' export.
 *
 * Rules (decided here, documented once):
 *
 * - Weeks are ISO weeks (Monday to Sunday), labelled `YYYY-Www`. The series runs from the week
 *   of enrolment to the week holding the day it is computed for (`until`).
 * - A week's status is the status in force at the end of the week (its Sunday); for the week
 *   holding `until`, the status on `until`. Changes dated after `until` are ignored.
 * - The programme statuses map one to one, except `ENROLLED`: enrolled in the programme with no
 *   placement, education or job is `UNKNOWN` — no recorded activity — as the issue's list has it
 *   (in placement, in education, in job, paused, exited, unknown). `UNKNOWN` is also the status of
 *   a week before the first recorded change (an item without history).
 * - Falling back: a week in education or a job followed by a week in neither that is not
 *   `EXITED` — back in the programme (`UNKNOWN` or `IN_PLACEMENT`) or `PAUSED`. Leaving the
 *   programme from education or a job is not falling back.
 * - Follow-ups ("in education or job N months after a day"): the status of the week holding the
 *   day N calendar months later.
 */
export const WeeklyStatusSchema = z.enum([
  'IN_PLACEMENT',
  'IN_EDUCATION',
  'IN_JOB',
  'PAUSED',
  'EXITED',
  'UNKNOWN',
]);

/** A young person's status in one ISO week. */
export type WeeklyStatus = z.infer<typeof WeeklyStatusSchema>;

/** One dated entry of a status history (the reason is not needed here). */
export interface DatedStatus {
  status: YouthStatus;
  /** ISO date from which the status holds. */
  date: string;
}

/** One week of the series. */
export interface StatusWeek {
  /** ISO week, `YYYY-Www`. */
  week: string;
  /** ISO date of the week's Monday. */
  weekStart: string;
  status: WeeklyStatus;
}

/** The follow-ups the programme measures, in months after a day (enrolment, end of placement). */
export const FOLLOW_UP_MONTHS = [3, 6, 12] as const;

/** A follow-up in months after a day. */
export type FollowUpMonths = (typeof FOLLOW_UP_MONTHS)[number];

/** How many weeks from the week of enrolment count as the first year. */
export const FIRST_YEAR_WEEKS = 52;

/** The weekly statuses that count as an outcome: in education or in a job. */
const EDUCATION_OR_JOB: ReadonlySet<WeeklyStatus> = new Set(['IN_EDUCATION', 'IN_JOB']);

/** Whether a weekly status is in education or in a job. */
export function isEducationOrJob(status: WeeklyStatus | null | undefined): boolean {
  return status != null && EDUCATION_OR_JOB.has(status);
}

/**
 * The weekly status a programme status stands for (`ENROLLED`: no activity, `UNKNOWN`).
 *
 * @param status - the programme status
 */
export function weeklyStatusOf(status: YouthStatus): WeeklyStatus {
  return status === 'ENROLLED' ? 'UNKNOWN' : status;
}

function utcDay(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** The Monday of the ISO week holding a day. */
export function weekStartOf(date: string): string {
  const isoWeekday = ((utcDay(date).getUTCDay() + 6) % 7) + 1;
  return addDays(date, 1 - isoWeekday);
}

/** The ISO week (`YYYY-Www`) holding a day. */
export function isoWeekOf(date: string): string {
  const thursday = addDays(weekStartOf(date), 3);
  const year = Number(thursday.slice(0, 4));
  const dayOfYear = Math.round((utcDay(thursday).getTime() - Date.UTC(year, 0, 1)) / 86_400_000);
  const week = Math.floor(dayOfYear / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The history oldest first; entries of one day keep their recorded order (stable sort). */
function ordered(history: readonly DatedStatus[]): DatedStatus[] {
  return [...history].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The programme status in force on a day: the last change dated on or before it; null before
 * the first change.
 *
 * @param history - the dated status history
 * @param date - ISO date
 */
export function statusOn(history: readonly DatedStatus[], date: string): YouthStatus | null {
  let current: YouthStatus | null = null;
  for (const change of ordered(history)) {
    if (change.date > date) break;
    current = change.status;
  }
  return current;
}

/**
 * The weekly status of the ISO week holding a day (the status on that week's Sunday), from the
 * whole history; null for a week before enrolment.
 *
 * @param enrolledAt - ISO date of enrolment
 * @param history - the dated status history
 * @param date - any day of the week
 */
export function weeklyStatusOn(
  enrolledAt: string,
  history: readonly DatedStatus[],
  date: string,
): WeeklyStatus | null {
  const sunday = addDays(weekStartOf(date), 6);
  if (sunday < enrolledAt) return null;
  const status = statusOn(history, sunday);
  return status ? weeklyStatusOf(status) : 'UNKNOWN';
}

/**
 * A young person's weekly status for every ISO week from the week of enrolment to the week
 * holding `until` (empty when `until` is before enrolment).
 *
 * @param enrolledAt - ISO date of enrolment
 * @param history - the dated status history (enrolment included), in any order
 * @param until - the last day observed (usually today); later changes are ignored
 */
export function weeklyStatusSeries(
  enrolledAt: string,
  history: readonly DatedStatus[],
  until: string,
): StatusWeek[] {
  if (until < enrolledAt) return [];
  const changes = ordered(history).filter((change) => change.date <= until);
  const series: StatusWeek[] = [];
  let next = 0;
  let current: YouthStatus | null = null;
  for (let monday = weekStartOf(enrolledAt); monday <= until; monday = addDays(monday, 7)) {
    const sunday = addDays(monday, 6);
    const observed = sunday < until ? sunday : until;
    while (next < changes.length && (changes[next] as DatedStatus).date <= observed) {
      current = (changes[next] as DatedStatus).status;
      next += 1;
    }
    series.push({
      week: isoWeekOf(monday),
      weekStart: monday,
      status: current ? weeklyStatusOf(current) : 'UNKNOWN',
    });
  }
  return series;
}

/**
 * Whether the young person is in education or a job some months after a day (enrolment, or the
 * end of a placement): the weekly status of the week holding that later day.
 *
 * @param enrolledAt - ISO date of enrolment
 * @param history - the dated status history
 * @param from - the day counted from
 * @param months - the follow-up, in months
 */
export function inEducationOrJobAfter(
  enrolledAt: string,
  history: readonly DatedStatus[],
  from: string,
  months: number,
): boolean {
  return isEducationOrJob(weeklyStatusOn(enrolledAt, history, addMonths(from, months)));
}

/**
 * The weekly statuses that count as passive support (issue #21's outcome): neither in a
 * placement, education nor a job while still in the programme — `UNKNOWN` (enrolled with no
 * recorded activity, which is how the programme reads a week on benefits with nothing else
 * recorded) and `PAUSED`. An `EXITED` week is not observed any more and is not counted.
 */
const PASSIVE_SUPPORT: ReadonlySet<WeeklyStatus> = new Set(['UNKNOWN', 'PAUSED']);

/** Whether a weekly status is a week on passive support. */
export function isPassiveSupport(status: WeeklyStatus | null | undefined): boolean {
  return status != null && PASSIVE_SUPPORT.has(status);
}

/** How many weeks of a series are on passive support ({@link isPassiveSupport}). */
export function weeksOnPassiveSupport(series: readonly StatusWeek[]): number {
  return series.filter((week) => isPassiveSupport(week.status)).length;
}

/**
 * The last day of a young person's first year: the Sunday of the 52nd week from the week of
 * enrolment.
 *
 * @param enrolledAt - ISO date of enrolment
 */
export function firstYearEndOf(enrolledAt: string): string {
  return addDays(weekStartOf(enrolledAt), FIRST_YEAR_WEEKS * 7 - 1);
}

/** How many weeks of a series are in education or a job. */
export function weeksInEducationOrJob(series: readonly StatusWeek[]): number {
  return series.filter((week) => isEducationOrJob(week.status)).length;
}

/**
 * How many times a series falls back: a week in education or a job followed by a week in
 * neither that is not `EXITED`.
 *
 * @param series - a weekly status series
 */
export function fallBacks(series: readonly StatusWeek[]): number {
  let count = 0;
  for (let i = 1; i < series.length; i++) {
    const before = (series[i - 1] as StatusWeek).status;
    const after = (series[i] as StatusWeek).status;
    if (isEducationOrJob(before) && !isEducationOrJob(after) && after !== 'EXITED') count += 1;
  }
  return count;
}

/**
 * What one young person contributes to the figures of their enrolment cohort. It depends on the
 * history only — not on today — so it can be kept in counters: the last recorded status is taken
 * to hold on (the figures show a follow-up only once its day has passed, when that is the truth).
 */
export interface YouthOutcomes {
  /** Ever in a week of education or a job. */
  leftForEducationOrJob: boolean;
  /** In education or a job 3, 6 and 12 months after enrolment. */
  inEducationOrJobAfter: Record<FollowUpMonths, boolean>;
  /** Weeks in education or a job among the first {@link FIRST_YEAR_WEEKS} weeks. */
  weeksInEducationOrJobFirstYear: number;
  /** Fell back at least once from education or a job. */
  fellBack: boolean;
  /** Weeks on passive support among the first {@link FIRST_YEAR_WEEKS} weeks (issue #21). */
  weeksOnPassiveSupportFirstYear: number;
}

/**
 * A young person's outcomes from their history, independent of today (see {@link YouthOutcomes}).
 *
 * @param enrolledAt - ISO date of enrolment
 * @param history - the dated status history (enrolment included)
 */
export function youthOutcomes(enrolledAt: string, history: readonly DatedStatus[]): YouthOutcomes {
  const lastChange = ordered(history).at(-1)?.date ?? enrolledAt;
  const firstYearEnd = firstYearEndOf(enrolledAt);
  // One week past the last change shows every move the history holds; the first year's weeks
  // are all needed for the weeks in education or a job.
  const horizon = [addDays(lastChange, 7), firstYearEnd].sort().at(-1) as string;
  const series = weeklyStatusSeries(enrolledAt, history, horizon);
  return {
    leftForEducationOrJob: series.some((week) => isEducationOrJob(week.status)),
    inEducationOrJobAfter: {
      3: inEducationOrJobAfter(enrolledAt, history, enrolledAt, 3),
      6: inEducationOrJobAfter(enrolledAt, history, enrolledAt, 6),
      12: inEducationOrJobAfter(enrolledAt, history, enrolledAt, 12),
    },
    weeksInEducationOrJobFirstYear: weeksInEducationOrJob(series.slice(0, FIRST_YEAR_WEEKS)),
    fellBack: fallBacks(series) > 0,
    weeksOnPassiveSupportFirstYear: weeksOnPassiveSupport(series.slice(0, FIRST_YEAR_WEEKS)),
  };
}
