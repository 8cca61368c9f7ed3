import { describe, expect, it } from 'vitest';
import { addDays } from '#kernel/calendar';
import {
  isFollowUpDue,
  lastMonthFollowedUp,
  monthsBetween,
  parsePeriod,
} from '#kernel/figures-period';

describe('the months of a figures period', () => {
  it('lists every month from one to another across years, both included', () => {
    // Act
    const months = monthsBetween('2025-11', '2026-02');
    // Assess
    expect(months).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-03')).toEqual(['2026-03']);
    expect(monthsBetween('2026-04', '2026-03')).toEqual([]);
  });

  it('finds the last month followed up exactly where the follow-up of each month falls due', () => {
    // Prepare: every day of two years, including month ends and leap day
    const todays = Array.from({ length: 731 }, (_, i) => addDays('2027-01-01', i));
    const cohorts = monthsBetween('2025-01', '2029-01');
    // Act
    const disagreements = todays.flatMap((today) =>
      [3, 6, 12].flatMap((followUp) => {
        const lastDue = lastMonthFollowedUp(followUp, today);
        return cohorts
          .filter((month) => isFollowUpDue(month, followUp, today) !== month <= lastDue)
          .map((month) => ({ today, followUp, month }));
      }),
    );
    // Assess
    expect(disagreements).toEqual([]);
  });
});

describe('the first day of a figures period', () => {
  it.each([
    ['the day before the programme began', '2023-12-31'],
    ['a year before it', '2023-01-01'],
  ])('refuses a from of %s with DATE_OUT_OF_RANGE on from', (_what, from) => {
    // Act
    const refuse = () => parsePeriod({ from, to: '2024-06-30' }, '2026-12-07');
    // Assess
    expect(refuse).toThrow(
      expect.objectContaining({
        extensions: {
          code: 'DATE_OUT_OF_RANGE',
          issues: [{ path: 'from', message: expect.stringContaining('2024-01-01') }],
        },
      }),
    );
  });

  it('accepts the programme’s first day, and begins there when from is left out', () => {
    // Act
    const first = parsePeriod({ from: '2024-01-01', to: '2024-02-10' }, '2026-12-07');
    const left = parsePeriod({ to: '2024-02-10' }, '2026-12-07');
    // Assess
    expect(first.months).toEqual(['2024-01', '2024-02']);
    expect(left.from).toBe('2024-01-01');
  });
});
