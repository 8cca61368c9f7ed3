const DANISH_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * Today's date in Denmark as `YYYY-MM-DD`: the programme runs on Danish days, so a change
 * recorded just after midnight is dated the day the people using NEXTWORK live in, whatever
 * the server's time zone. The formatter is built once; this runs on request paths.
 *
 * @param now - the instant, from `context.now()` so tests control it
 */
export function danishToday(now: Date): string {
  return DANISH_DATE.format(now);
}
