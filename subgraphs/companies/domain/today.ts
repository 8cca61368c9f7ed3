const DANISH_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * Today's date in Denmark as `YYYY-MM-DD`: the day the people using NEXTWORK live in, so a
 * pause recorded at half past midnight is dated the day it was recorded.
 *
 * @param now - the instant, from `context.now()` so tests control it
 */
export function danishToday(now: Date): string {
  return DANISH_DATE.format(now);
}
