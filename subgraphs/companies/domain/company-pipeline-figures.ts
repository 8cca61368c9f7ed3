import { type Suppressed, shareOf, showsAverage } from '#kernel/small-cells';

/**
 * The companies' recruitment pipeline in a period, as counted (issue #21): each count is a flow
 * of steps dated in the period, kept in month counters written by the command that records the
 * step, so the recount can count them again from the prospects.
 */
export interface PipelineCounts {
  /** Prospects added. */
  prospectsAdded: number;
  /** First contacts made. */
  firstContacts: number;
  /** Meetings held (a prospect's second meeting counts too). */
  meetings: number;
  /** Prospects whose company joined the network (converted). */
  joined: number;
  /** Prospects that declined. */
  declined: number;
}

/** The cap of the weeks histogram: a prospect that took a year or more counts in its last week. */
export const JOIN_WEEK_CAP = 52;

/**
 * The histogram bucket a conversion counts in: whole weeks from added to joined, capped at
 * {@link JOIN_WEEK_CAP}. A median is read off the summed buckets (as the placements' time to a
 * first placement is), so the month counters hold counts only and no person's exact days.
 *
 * @param days - days from added to joined, at least 0
 */
export function joinWeek(days: number): number {
  return Math.min(Math.floor(Math.max(days, 0) / 7), JOIN_WEEK_CAP);
}

/**
 * The median days from added to joined, read off the summed weeks histogram: the middle day
 * (7w + 3) of the week holding the median, exact to within 3 days; 364 in the capped bucket.
 * Null when nothing is counted.
 *
 * @param weeks - conversions by week from added
 */
export function medianDaysToJoin(weeks: readonly number[]): number | null {
  const total = weeks.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [week, n] of weeks.entries()) {
    seen += n;
    if (seen * 2 >= total) return week >= JOIN_WEEK_CAP ? 364 : week * 7 + 3;
  }
  return null;
}

/** The pipeline part of `companyStats`, as shown. */
export interface PipelineFigures {
  prospectsAdded: number | null;
  firstContacts: number | null;
  meetings: number | null;
  joined: number | null;
  declined: number | null;
  /**
   * Joined out of the prospects closed in the period (joined + declined): of the prospects the
   * team finished with, the share that joined. Open prospects do not count, as their outcome is
   * not known yet.
   */
  conversion: number | null;
  /** Median days from added to joined, of the prospects that joined in the period. */
  medianDaysToJoin: number | null;
}

/**
 * The pipeline figures as shown from the counts as published: the share is computed from the
 * published counts, and the median shown only over a population the small-cell rule allows.
 *
 * @param shown - the counts as published (exact for the team, rounded for the programme)
 * @param joinWeeks - conversions by week from added, summed over the period
 */
export function pipelineFigures(
  shown: Suppressed<keyof PipelineCounts>,
  joinWeeks: readonly number[],
): PipelineFigures {
  const c = shown.cells;
  const closed = c.joined === null || c.declined === null ? null : c.joined + c.declined;
  return {
    prospectsAdded: c.prospectsAdded,
    firstContacts: c.firstContacts,
    meetings: c.meetings,
    joined: c.joined,
    declined: c.declined,
    conversion: shareOf(c.joined, closed),
    medianDaysToJoin: showsAverage(c.joined, shown) ? medianDaysToJoin(joinWeeks) : null,
  };
}
