import { addDays, addMonths } from './calendar.ts';
import { PROGRAMME_START, programmeStart } from './date-bounds.ts';
import { BadUserInputError, DateOutOfRangeError } from './errors.ts';
import { IsoDateSchema } from './validation.ts';

/**
 * The period of the programme's figures. Figures are kept per municipality and calendar month,
 * so a period is the sum of the months it touches (`from`'s month to `to`'s month, both whole).
 * Used by the people, companies and learning community subgraphs alike, so a period means the
 * same everywhere.
 */

/** The longest period one request may ask for: five years. */
export const MAX_PERIOD_YEARS = 5;

/** A period of figures: first and last day, both included, and the months it touches. */
export interface FiguresPeriod {
  from: string;
  to: string;
  /** `YYYY-MM`, oldest first. */
  months: string[];
}

/** The period of the programme's figures as `ProgrammeStats` carries it (its key). */
export interface ProgrammePeriod {
  from: string;
  to: string;
}

/** The month (`YYYY-MM`) a day falls in. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The last day of the month (`YYYY-MM`). */
export function lastDayOfMonth(month: string): string {
  return addDays(addMonths(`${month}-01`, 1), -1);
}

/**
 * Every month from one to another, both included (`YYYY-MM`). Counted on numbers, not dates:
 * every figures field of every municipality asks for its period's months.
 */
export function monthsBetween(fromMonth: string, toMonth: string): string[] {
  const months: string[] = [];
  let year = Number(fromMonth.slice(0, 4));
  let month = Number(fromMonth.slice(5, 7));
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    if (current > toMonth) return months;
    months.push(current);
    month = (month % 12) + 1;
    if (month === 1) year += 1;
  }
}

function invalid(path: string, message: string): BadUserInputError {
  return new BadUserInputError(`Invalid period: ${path} ${message}`, [{ path, message }]);
}

function parseDay(value: string | null | undefined, path: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  const parsed = IsoDateSchema.safeParse(value);
  if (!parsed.success) throw invalid(path, 'must be a date, YYYY-MM-DD');
  return parsed.data;
}

/**
 * The period of a figures request. Without `to`, today; without `from`, the programme's start
 * (`PROGRAMME_START`, `date-bounds.ts`: the first month NEXTWORK keeps figures for)
 * or, when that is longer ago, the longest period allowed before `to`. A period that ends before
 * it starts or is longer than {@link MAX_PERIOD_YEARS} years is refused with `BAD_USER_INPUT`; a
 * `from` before the programme's start with `DATE_OUT_OF_RANGE`, the code every other date out
 * of its range gets (no figures are kept for months before it: a period reaching back would
 * silently count fewer months than it names).
 *
 * @param args - `from` and `to` as the request gives them
 * @param today - today's date, ISO
 */
export function parsePeriod(
  args: { from?: string | null; to?: string | null },
  today: string,
): FiguresPeriod {
  const to = parseDay(args.to, 'to') ?? today;
  const earliest = addDays(addMonths(to, -12 * MAX_PERIOD_YEARS), 1);
  // The later of the two (ISO dates sort as strings).
  const from = parseDay(args.from, 'from') ?? ([PROGRAMME_START, earliest].sort()[1] as string);
  if (to < from) throw invalid('to', 'must not be before from');
  if (from < earliest) throw invalid('from', `must be at most ${MAX_PERIOD_YEARS} years before to`);
  if (from < PROGRAMME_START) {
    throw new DateOutOfRangeError(
      'from',
      `must not be before ${programmeStart.date}, when ${programmeStart.what}`,
    );
  }
  return { from, to, months: monthsBetween(monthOf(from), monthOf(to)) };
}

/**
 * Whether every young person enrolled in a month has passed a follow-up some months after
 * enrolment by today (the figures show a follow-up only for such cohorts).
 *
 * @param month - the enrolment month, `YYYY-MM`
 * @param months - the follow-up, in months after enrolment
 * @param today - today's date, ISO
 */
export function isFollowUpDue(month: string, months: number, today: string): boolean {
  // The follow-up week ends up to six days after the follow-up day.
  return addDays(addMonths(lastDayOfMonth(month), months), 6) < today;
}

/**
 * The last enrolment month whose follow-up some months after enrolment is due by today: a month
 * is due exactly when it is this one or earlier ({@link isFollowUpDue} only grows with the
 * month), so a period's cohorts are compared with it rather than each worked out by dates.
 *
 * @param months - the follow-up, in months after enrolment
 * @param today - today's date, ISO
 */
export function lastMonthFollowedUp(months: number, today: string): string {
  if (today !== followedUpToday) {
    followedUpToday = today;
    lastFollowedUp.clear();
  }
  let month = lastFollowedUp.get(months);
  if (month !== undefined) return month;
  // The month `months` before today's is the latest that can be due (the next one's follow-up
  // falls after today's month); the follow-up week's six days move it back at most twice.
  month = monthOf(addMonths(today, -months));
  while (!isFollowUpDue(month, months, today)) month = monthOf(addMonths(`${month}-01`, -1));
  lastFollowedUp.set(months, month);
  return month;
}

// Today's answers, by follow-up: the programme asks the same three for each of 98 municipalities.
let followedUpToday = '';
const lastFollowedUp = new Map<number, string>();

/** The months a period's cumulative counts add up (see `small-cells.ts`). */
export interface CumulativeMonths {
  /** From the programme's first month through the period's last (`YYYY-MM`, oldest first). */
  through: string[];
  /** From the programme's first month through the month before the period's first. */
  before: string[];
}

/**
 * The months of the two cumulative counts a period's flows are published from: both start at
 * the programme's first month, a fixed origin, so every period of every request is a difference
 * of counts through whole months on one grid, whichever `from` and `to` are asked.
 *
 * @param period - the period
 */
export function cumulativeMonths(period: FiguresPeriod): CumulativeMonths {
  const origin = monthOf(PROGRAMME_START);
  const first = period.months[0] ?? monthOf(period.from);
  const last = period.months.at(-1) ?? monthOf(period.to);
  const beforeFirst = monthOf(addMonths(`${first}-01`, -1));
  return {
    through: last < origin ? [] : monthsBetween(origin, last),
    before: beforeFirst < origin ? [] : monthsBetween(origin, beforeFirst),
  };
}
