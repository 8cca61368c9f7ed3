import { describe, expect, it } from 'vitest';
import {
  DATE_OUT_OF_RANGE,
  type DateRangeRule,
  dayOf,
  planHorizon,
  programmeStart,
  requireDateInRange,
} from '#kernel/date-bounds';
import { DomainRuleError } from '#kernel/errors';

/** The user error a date breaks its range with, or null when it lies in it. */
function refusal(date: string, range: DateRangeRule) {
  try {
    requireDateInRange(date, range, ['date']);
    return null;
  } catch (error) {
    if (!(error instanceof DomainRuleError)) throw error;
    return error.userError;
  }
}

describe('kernel: date bounds', () => {
  const enrolled = { date: '2026-01-05', what: 'the young person was enrolled' };
  const range: DateRangeRule = {
    notBefore: [programmeStart, enrolled, undefined],
    notAfter: [planHorizon('2026-11-26'), { date: '2027-06-30', what: 'the plan ends' }],
  };

  it.each([
    ['the latest lower bound itself', '2026-01-05'],
    ['the earliest upper bound itself', '2027-06-30'],
  ])('accepts %s', (_what, date) => {
    // Act
    const error = refusal(date, range);
    // Assess
    expect(error).toBeNull();
  });

  it.each([
    ['a day before the latest lower bound', '2026-01-04', '2026-01-05, when the young person'],
    ['a day before the programme began', '2023-12-31', '2026-01-05, when the young person'],
    ['a day after the earliest upper bound', '2027-07-01', '2027-06-30, the plan ends'],
    ['a day past the horizon', '9999-12-31', '2027-06-30, the plan ends'],
  ])('refuses %s with DATE_OUT_OF_RANGE naming the bound it breaks', (_what, date, named) => {
    // Act
    const error = refusal(date, range);
    // Assess
    expect(error).toMatchObject({ code: DATE_OUT_OF_RANGE, path: ['date'] });
    expect(error?.message).toContain(named);
  });

  it('reaches twelve months ahead for a plan, and begins with the programme', () => {
    // Act
    const horizon = planHorizon('2026-11-26');
    // Assess
    expect(horizon.date).toBe('2027-11-26');
    expect(programmeStart.date).toBe('2024-01-01');
  });

  it("dates a record's beginning on the Danish day of its instant", () => {
    // Act
    const created = dayOf('2026-08-31T22:30:00.000Z', 'the group was created');
    // Assess
    expect(created.date).toBe('2026-09-01');
  });
});
