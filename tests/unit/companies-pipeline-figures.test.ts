import { describe, expect, it } from 'vitest';
import {
  JOIN_WEEK_CAP,
  joinWeek,
  medianDaysToJoin,
  pipelineFigures,
} from '#companies/domain/company-pipeline-figures';

const COUNTS = { prospectsAdded: 12, firstContacts: 9, meetings: 6, joined: 3, declined: 1 };

describe('company pipeline figures', () => {
  it('buckets days to join in whole weeks, capped at a year', () => {
    // Assess
    expect([joinWeek(0), joinWeek(6), joinWeek(7), joinWeek(400)]).toEqual([
      0,
      0,
      1,
      JOIN_WEEK_CAP,
    ]);
  });

  it('reads the median off the weeks histogram, null when nothing joined', () => {
    // Assess
    expect(medianDaysToJoin([])).toBeNull();
    expect(medianDaysToJoin([0, 0])).toBeNull();
    expect(medianDaysToJoin([1, 0, 2])).toBe(17);
    expect(medianDaysToJoin([2, 0, 1])).toBe(3);
    expect(medianDaysToJoin([1, 1])).toBe(3);
    const capped = Array.from({ length: JOIN_WEEK_CAP + 1 }, (_, w) =>
      w === JOIN_WEEK_CAP ? 1 : 0,
    );
    expect(medianDaysToJoin(capped)).toBe(364);
  });

  it('gives the team conversion of the closed prospects and the exact median', () => {
    // Act
    const figures = pipelineFigures({ cells: COUNTS, suppressed: false }, [1, 0, 2]);
    // Assess
    expect(figures).toEqual({ ...COUNTS, conversion: 0.75, medianDaysToJoin: 17 });
  });

  it('hides the median from the programme office over fewer than ten conversions as published', () => {
    // Act
    const few = pipelineFigures(
      { cells: { ...COUNTS, joined: 5, declined: 5 }, suppressed: true },
      [5],
    );
    const enough = pipelineFigures(
      { cells: { ...COUNTS, joined: 10, declined: 5 }, suppressed: true },
      [10],
    );
    // Assess
    expect(few.medianDaysToJoin).toBeNull();
    expect(few.conversion).toBe(0.5);
    expect(enough.medianDaysToJoin).toBe(3);
  });

  it('gives no conversion when nothing closed or a count is hidden', () => {
    // Assess
    expect(
      pipelineFigures({ cells: { ...COUNTS, joined: 0, declined: 0 }, suppressed: false }, [])
        .conversion,
    ).toBeNull();
    expect(
      pipelineFigures({ cells: { ...COUNTS, joined: null, declined: 5 }, suppressed: true }, [])
        .conversion,
    ).toBeNull();
  });
});
