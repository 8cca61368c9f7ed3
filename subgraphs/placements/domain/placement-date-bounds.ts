import {
  dayOf,
  MAX_PLACEMENT_MONTHS,
  monthsAfter,
  planHorizon,
  programmeStart,
  requireDateInRange,
} from '#kernel/date-bounds';
import type { DateRange } from './dates.ts';
import type { Placement } from './placement.ts';

/**
 * The plausible range of each date the placements mutations take (`#kernel/date-bounds`): a
 * date outside it is the user error `DATE_OUT_OF_RANGE` on its field and nothing is written.
 * The rules that dates keep among themselves and with today (`END_BEFORE_START`,
 * `DATE_IN_FUTURE`, `END_NOT_LATER`) stay where they were, with their own codes.
 */

/**
 * A matching event: not before the programme began, at most a plan's horizon ahead.
 *
 * @param date - the event's day
 * @param today - today's date
 */
export function requireMatchingEventDate(date: string, today: string): void {
  requireDateInRange(date, { notBefore: [programmeStart], notAfter: [planHorizon(today)] }, [
    'date',
  ]);
}

/**
 * A new placement's period: it starts neither before the programme nor before the young person
 * was enrolled (when the enrolment is known), at most a plan's horizon ahead, and is planned for
 * at most {@link MAX_PLACEMENT_MONTHS} months.
 *
 * @param period - the first and last day asked for
 * @param enrolledAt - the young person's day of enrolment, when known
 * @param today - today's date
 */
export function requireNewPlacementDates(
  period: DateRange,
  enrolledAt: string | null,
  today: string,
): void {
  const enrolled = enrolledAt
    ? { date: enrolledAt, what: 'the young person was enrolled' }
    : undefined;
  requireDateInRange(
    period.startDate,
    { notBefore: [programmeStart, enrolled], notAfter: [planHorizon(today)] },
    ['startDate'],
  );
  const longest = monthsAfter(period.startDate, MAX_PLACEMENT_MONTHS, 'after the start');
  requireDateInRange(period.endDate, { notAfter: [longest] }, ['endDate']);
}

/**
 * A day within a placement's course (a checkpoint held, an extension agreed): not before it
 * started.
 *
 * @param date - the day
 * @param placement - the placement
 * @param path - the input field of the day
 */
export function requireSincePlacementStart(
  date: string,
  placement: Pick<Placement, 'startDate'>,
  path: string[],
): void {
  requireDateInRange(
    date,
    { notBefore: [{ date: placement.startDate, what: 'it started' }] },
    path,
  );
}

/**
 * The day a placement is interrupted: not before it started or, when it was created later
 * than it started, not before it was created — a planned placement may be given up before its
 * first day, never before anyone planned it.
 *
 * @param date - the day of the interruption
 * @param placement - the placement
 * @param path - the input field of the day
 */
export function requireSincePlacementBegan(
  date: string,
  placement: Pick<Placement, 'startDate' | 'createdAt'>,
  path: string[],
): void {
  const created = dayOf(placement.createdAt, 'the placement was created');
  const began =
    created.date < placement.startDate
      ? created
      : { date: placement.startDate, what: 'it started' };
  requireDateInRange(date, { notBefore: [programmeStart, began] }, path);
}

/**
 * The first day of the education or job a placement leads to: not before the placement
 * started, at most a plan's horizon ahead.
 *
 * @param startDate - the education's or job's first day
 * @param placement - the placement it follows
 * @param today - today's date
 * @param path - the input field of the day
 */
export function requireNextStepStart(
  startDate: string,
  placement: Pick<Placement, 'startDate'>,
  today: string,
  path: string[],
): void {
  requireDateInRange(
    startDate,
    {
      notBefore: [{ date: placement.startDate, what: 'the placement started' }],
      notAfter: [planHorizon(today)],
    },
    path,
  );
}

/**
 * An extension's new last day: at most a plan's horizon ahead (its length is the benefit
 * category's limit to judge, where the lifecycle decides it).
 *
 * @param newEndDate - the new last day
 * @param today - today's date
 * @param path - the input field of the day
 */
export function requireExtensionEnd(newEndDate: string, today: string, path: string[]): void {
  requireDateInRange(newEndDate, { notAfter: [planHorizon(today)] }, path);
}

/**
 * The day a follow-up is recorded: not before the placement it follows ended.
 *
 * @param date - the day
 * @param placement - the placement
 * @param path - the input field of the day
 */
export function requireSincePlacementEnd(
  date: string,
  placement: Pick<Placement, 'endDate'>,
  path: string[],
): void {
  requireDateInRange(date, { notBefore: [{ date: placement.endDate, what: 'it ended' }] }, path);
}
