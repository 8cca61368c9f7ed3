import { type DatedStatus, FOLLOW_UP_MONTHS, youthOutcomes } from './weekly-status.ts';
import type { YouthStatus } from './youth.ts';

/**
 * The people subgraph's monthly figures: one set of counters per municipality and calendar
 * month, changed in the same transaction as every enrolment and status change, so that a
 * period is a sum of months and reading it never counts young people.
 *
 * A month holds two kinds of counters:
 *
 * - the month's enrolment cohort (everyone enrolled that month): how many, and what their
 *   histories give through the weekly status ({@link youthOutcomes}) — gone into education or
 *   a job, in education or a job 3, 6 and 12 months after enrolment, weeks in education or a
 *   job in the first year, fallen back. When a history changes, the young person's old
 *   contribution is taken away and the new one added: the counters never hold a typed-in
 *   outcome, only what the dated history gives;
 * - the month's flow: status changes dated in the month, by the new status.
 */
export interface YouthMonthFigures {
  enrolled: number;
  leftForEducationOrJob: number;
  inEducationOrJobAfter3: number;
  inEducationOrJobAfter6: number;
  inEducationOrJobAfter12: number;
  weeksInEducationOrJobFirstYear: number;
  fellBack: number;
  changesToEnrolled: number;
  changesToInPlacement: number;
  changesToInEducation: number;
  changesToInJob: number;
  changesToPaused: number;
  changesToExited: number;
  /** Of the month's cohort, those enrolled outside 18–29 with the team's recorded reason. */
  enrolledWithAgeException: number;
  /** The cohort's weeks on passive support in their first year (issue #21). */
  weeksOnPassiveSupportFirstYear: number;
}

/** A counter of the monthly figures. */
export type YouthMonthCounter = keyof YouthMonthFigures;

/** Every counter of the monthly figures, in a fixed order. */
export const YOUTH_MONTH_COUNTERS: readonly YouthMonthCounter[] = [
  'enrolled',
  'leftForEducationOrJob',
  'inEducationOrJobAfter3',
  'inEducationOrJobAfter6',
  'inEducationOrJobAfter12',
  'weeksInEducationOrJobFirstYear',
  'fellBack',
  'changesToEnrolled',
  'changesToInPlacement',
  'changesToInEducation',
  'changesToInJob',
  'changesToPaused',
  'changesToExited',
  'enrolledWithAgeException',
  'weeksOnPassiveSupportFirstYear',
];

/** The flow counter of changes to a status. */
export const CHANGES_TO: Readonly<Record<YouthStatus, YouthMonthCounter>> = {
  ENROLLED: 'changesToEnrolled',
  IN_PLACEMENT: 'changesToInPlacement',
  IN_EDUCATION: 'changesToInEducation',
  IN_JOB: 'changesToInJob',
  PAUSED: 'changesToPaused',
  EXITED: 'changesToExited',
};

/** The counter of a follow-up some months after enrolment. */
export const FOLLOW_UP_COUNTER = {
  3: 'inEducationOrJobAfter3',
  6: 'inEducationOrJobAfter6',
  12: 'inEducationOrJobAfter12',
} as const satisfies Record<(typeof FOLLOW_UP_MONTHS)[number], YouthMonthCounter>;

/** What to add to one month's counters. */
export interface YouthMonthChange {
  /** `YYYY-MM`. */
  month: string;
  add: Partial<YouthMonthFigures>;
}

/** Monthly figures with nothing counted. */
export function emptyMonthFigures(): YouthMonthFigures {
  return Object.fromEntries(
    YOUTH_MONTH_COUNTERS.map((c) => [c, 0]),
  ) as unknown as YouthMonthFigures;
}

/**
 * What one young person's history contributes to their enrolment cohort's counters.
 *
 * @param enrolledAt - ISO date of enrolment
 * @param history - the dated status history, enrolment included
 * @param ageException - whether they were enrolled with an age exception
 *   ({@link enrolledWithAgeException}); fixed at enrolment, so a status change leaves it out
 */
export function cohortContribution(
  enrolledAt: string,
  history: readonly DatedStatus[],
  ageException = false,
): Partial<YouthMonthFigures> {
  const outcomes = youthOutcomes(enrolledAt, history);
  const contribution: Partial<YouthMonthFigures> = {
    enrolled: 1,
    enrolledWithAgeException: ageException ? 1 : 0,
    leftForEducationOrJob: outcomes.leftForEducationOrJob ? 1 : 0,
    weeksInEducationOrJobFirstYear: outcomes.weeksInEducationOrJobFirstYear,
    fellBack: outcomes.fellBack ? 1 : 0,
    weeksOnPassiveSupportFirstYear: outcomes.weeksOnPassiveSupportFirstYear,
  };
  for (const months of FOLLOW_UP_MONTHS) {
    contribution[FOLLOW_UP_COUNTER[months]] = outcomes.inEducationOrJobAfter[months] ? 1 : 0;
  }
  return contribution;
}

/**
 * Adds changes into figures kept by month (a recount or a seed summing every young person's
 * lifetime changes).
 *
 * @param months - the figures by month (`YYYY-MM`), changed in place
 * @param changes - what to add
 */
export function addToMonths(
  months: Map<string, YouthMonthFigures>,
  changes: readonly YouthMonthChange[],
): void {
  for (const { month, add } of changes) {
    const figures = months.get(month) ?? emptyMonthFigures();
    for (const [counter, n] of Object.entries(add) as Array<[YouthMonthCounter, number]>) {
      figures[counter] += n;
    }
    months.set(month, figures);
  }
}

/** Adds changes together, one entry per month, leaving out zeros. */
export function mergeMonthChanges(changes: readonly YouthMonthChange[]): YouthMonthChange[] {
  const byMonth = new Map<string, Partial<YouthMonthFigures>>();
  for (const { month, add } of changes) {
    const sum = byMonth.get(month) ?? {};
    for (const [counter, n] of Object.entries(add) as Array<[YouthMonthCounter, number]>) {
      sum[counter] = (sum[counter] ?? 0) + n;
    }
    byMonth.set(month, sum);
  }
  return [...byMonth]
    .map(([month, add]) => ({
      month,
      add: Object.fromEntries(Object.entries(add).filter(([, n]) => n !== 0)),
    }))
    .filter(({ add }) => Object.keys(add).length > 0)
    .sort((a, b) => (a.month < b.month ? -1 : 1));
}

function negated(add: Partial<YouthMonthFigures>): Partial<YouthMonthFigures> {
  return Object.fromEntries(Object.entries(add).map(([c, n]) => [c, -(n as number)]));
}

/**
 * The figure changes of an enrolment: one more in the cohort, with what the first history entry
 * gives.
 *
 * @param enrolledAt - ISO date of enrolment
 * @param history - the history as written with the enrolment
 * @param ageException - whether enrolled with an age exception
 */
export function enrolmentFigureChanges(
  enrolledAt: string,
  history: readonly DatedStatus[],
  ageException = false,
): YouthMonthChange[] {
  return mergeMonthChanges([
    { month: enrolledAt.slice(0, 7), add: cohortContribution(enrolledAt, history, ageException) },
  ]);
}

/**
 * The figure changes of a status change: the cohort loses the young person's old contribution
 * and gains the new one; the month of the change counts one more change to the new status.
 *
 * @param enrolledAt - ISO date of enrolment
 * @param before - the history before the change
 * @param change - the new status and its day
 */
export function statusChangeFigureChanges(
  enrolledAt: string,
  before: readonly DatedStatus[],
  change: DatedStatus,
): YouthMonthChange[] {
  const cohort = enrolledAt.slice(0, 7);
  const old = { ...cohortContribution(enrolledAt, before), enrolled: 0 };
  const now = { ...cohortContribution(enrolledAt, [...before, change]), enrolled: 0 };
  return mergeMonthChanges([
    { month: cohort, add: negated(old) },
    { month: cohort, add: now },
    { month: change.date.slice(0, 7), add: { [CHANGES_TO[change.status]]: 1 } },
  ]);
}

/**
 * Everything a young person's whole history adds to the figures, as if it had been written
 * change by change: for seeding and for the recount.
 *
 * @param enrolledAt - ISO date of enrolment
 * @param history - the whole dated history; its first entry is the enrolment
 * @param ageException - whether enrolled with an age exception
 */
export function lifetimeFigureChanges(
  enrolledAt: string,
  history: readonly DatedStatus[],
  ageException = false,
): YouthMonthChange[] {
  return mergeMonthChanges([
    { month: enrolledAt.slice(0, 7), add: cohortContribution(enrolledAt, history, ageException) },
    ...history.slice(1).map((change) => ({
      month: change.date.slice(0, 7),
      add: { [CHANGES_TO[change.status]]: 1 },
    })),
  ]);
}

/** The sum of monthly figures. */
export function sumMonthFigures(months: readonly YouthMonthFigures[]): YouthMonthFigures {
  const sum = emptyMonthFigures();
  for (const month of months) {
    for (const counter of YOUTH_MONTH_COUNTERS) sum[counter] += month[counter];
  }
  return sum;
}
