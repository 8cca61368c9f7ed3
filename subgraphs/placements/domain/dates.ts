/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`). Dates are compared as strings, which is
 * correct for this format and keeps items and sort keys readable.
 */

/** A period of whole days, both ends included. */
export interface DateRange {
  startDate: string;
  endDate: string;
}

/** Days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Whether two periods share at least one day. */
export function rangesOverlap(a: DateRange, b: DateRange): boolean {
  return a.startDate <= b.endDate && b.startDate <= a.endDate;
}

/**
 * The largest number of the given periods that share one day within `window`: how many young
 * people an opportunity holds at once, at its busiest, during the window.
 *
 * @param ranges - the periods already held
 * @param window - the period of interest
 */
export function peakConcurrency(ranges: readonly DateRange[], window: DateRange): number {
  const relevant = ranges.filter((r) => rangesOverlap(r, window));
  // The busiest day is always the start of some period (or the window's start).
  const candidates = [window.startDate, ...relevant.map((r) => r.startDate)].filter(
    (day) => day >= window.startDate && day <= window.endDate,
  );
  let peak = 0;
  for (const day of candidates) {
    const count = relevant.filter((r) => r.startDate <= day && day <= r.endDate).length;
    peak = Math.max(peak, count);
  }
  return peak;
}

/** The later of two ISO dates. */
export function laterOf(a: string, b: string): string {
  return a >= b ? a : b;
}
