import { addMonths } from './calendar.ts';
import { DomainRuleError } from './errors.ts';
import { danishToday } from './today.ts';

/**
 * The plausible range of every date a mutation takes. A date a client sends is checked by the
 * command's rules against what it means — not before the programme began, nor before the record
 * it belongs to began; not further ahead than a plan can reach — and refused with the one user
 * error {@link DATE_OUT_OF_RANGE} on its field, so that a consent in the year 1 or a pause until
 * 9999 is never stored, counted in figures or exported. Today is the request's
 * (`context.now()`), never the server's clock.
 */

/** The user error code of a date outside its plausible range; nothing is written. */
export const DATE_OUT_OF_RANGE = 'DATE_OUT_OF_RANGE';

/**
 * The first day of NEXTWORK as this system records it: its figures start in January 2024
 * (`figures-period.ts` counts from this month), so no enrolment, company, placement, session or
 * consent of the programme can be dated before it. Data of an earlier pilot is not this
 * programme's, and a date before this day is a typing error (the year 1, 0024 for 2024).
 */
export const PROGRAMME_START = '2024-01-01';

/**
 * How far ahead of today a planned day may lie — a placement's start, a matching event, a
 * network session, a United gathering, the start of an education or job after a placement, an
 * extension's new end: twelve months. The programme plans by the half-year (United meets twice
 * a year, company networks about every six weeks, a placement lasts three months), so a year
 * holds every real plan with room to spare, and a day beyond it is a typing error.
 */
export const PLAN_HORIZON_MONTHS = 12;

/**
 * The longest a new placement may be planned for, from its start: twelve months. A placement
 * is three months, 26 weeks at most after an individual assessment; beyond that it grows only by
 * extensions, each checked against the young person's benefit category.
 */
export const MAX_PLACEMENT_MONTHS = 12;

/**
 * How far ahead of today a company's pause may end: twelve months. A company away for longer
 * has left the network (`leaveNetwork`), and counting it as paused would keep it in the
 * network's figures as a company about to come back.
 */
export const MAX_PAUSE_MONTHS = 12;

/** One end of a date's range: the day, and what happened on it, for the message. */
export interface DateBound {
  /** The day, `YYYY-MM-DD`. */
  date: string;
  /** What the day is, e.g. `the programme began`, `the young person was enrolled`. */
  what: string;
}

/** The range a date must lie in: every lower bound (all must hold) and every upper bound. */
export interface DateRangeRule {
  /** Days the date may not be before; undefined entries (a fact not known) are skipped. */
  notBefore?: ReadonlyArray<DateBound | undefined>;
  /** Days the date may not be after; undefined entries are skipped. */
  notAfter?: ReadonlyArray<DateBound | undefined>;
}

/** The programme's first day, as a lower bound. */
export const programmeStart: DateBound = { date: PROGRAMME_START, what: 'the programme began' };

/**
 * The last day a plan may reach, as an upper bound: today and {@link PLAN_HORIZON_MONTHS}.
 *
 * @param today - today's date, from `context.now()`
 */
export function planHorizon(today: string): DateBound {
  return monthsAfter(today, PLAN_HORIZON_MONTHS, 'from today, the furthest a plan reaches');
}

/**
 * A day some months after another, as an upper bound.
 *
 * @param date - the day counted from
 * @param months - how many months after it
 * @param what - what the day counted from is, for the message, e.g. `after the start`
 */
export function monthsAfter(date: string, months: number, what: string): DateBound {
  return { date: addMonths(date, months), what: `${months} months ${what}` };
}

/**
 * Today, as an upper bound, for a day that records what has happened.
 *
 * @param today - today's date, from `context.now()`
 */
export function todayBound(today: string): DateBound {
  return { date: today, what: 'today' };
}

/**
 * The Danish day an instant fell on (a record's `createdAt`), as a lower bound.
 *
 * @param instant - an ISO 8601 instant
 * @param what - what began then, e.g. `the group was created`
 */
export function dayOf(instant: string, what: string): DateBound {
  return { date: danishToday(new Date(instant)), what };
}

/**
 * Refuses a date outside its range with {@link DATE_OUT_OF_RANGE} on its field, naming the bound
 * it breaks (the latest lower bound, or the earliest upper bound). Both ends are allowed.
 *
 * @param date - the date, `YYYY-MM-DD` (already a real calendar date)
 * @param range - its lower and upper bounds
 * @param path - the input field of the date
 * @throws DomainRuleError `DATE_OUT_OF_RANGE`
 */
export function requireDateInRange(date: string, range: DateRangeRule, path: string[]): void {
  const earliest = pick(range.notBefore, (a, b) => a.date > b.date);
  if (earliest && date < earliest.date) {
    throw new DomainRuleError(
      DATE_OUT_OF_RANGE,
      `The date must not be before ${earliest.date}, when ${earliest.what}`,
      path,
    );
  }
  const last = pick(range.notAfter, (a, b) => a.date < b.date);
  if (last && date > last.date) {
    throw new DomainRuleError(
      DATE_OUT_OF_RANGE,
      `The date must not be after ${last.date}, ${last.what}`,
      path,
    );
  }
}

/** The binding one of the known bounds: the one `wins` prefers over every other. */
function pick(
  bounds: ReadonlyArray<DateBound | undefined> = [],
  wins: (a: DateBound, b: DateBound) => boolean,
): DateBound | undefined {
  let found: DateBound | undefined;
  for (const bound of bounds) {
    if (bound && (!found || wins(bound, found))) found = bound;
  }
  return found;
}
