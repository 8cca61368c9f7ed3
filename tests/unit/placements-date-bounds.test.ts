import { describe, expect, it } from 'vitest';
import { DomainRuleError } from '#kernel/errors';
import {
  requireSincePlacementBegan,
  requireSincePlacementEnd,
  requireSincePlacementStart,
} from '#placements/domain/placement-date-bounds';

/*
 * The placement's own bounds, as the lifecycle's mutations use them too (a checkpoint the
 * lifecycle waits on, a follow-up): the subgraph tests go through the manual mutations.
 */

const placement = {
  startDate: '2026-10-01',
  endDate: '2027-01-01',
  createdAt: '2026-09-20T10:00:00.000Z',
};

/** The code a check refuses a day with, or null when it accepts it. */
function codeOf(check: () => void): string | null {
  try {
    check();
    return null;
  } catch (error) {
    if (!(error instanceof DomainRuleError)) throw error;
    return error.userError.code;
  }
}

describe('placements: date bounds of a placement', () => {
  it.each([
    ['a checkpoint held the day it started', '2026-10-01', null],
    ['a checkpoint held the day before it started', '2026-09-30', 'DATE_OUT_OF_RANGE'],
  ])('%s', (_what, date, code) => {
    // Act
    const refused = codeOf(() => requireSincePlacementStart(date, placement, ['completedOn']));
    // Assess
    expect(refused).toBe(code);
  });

  it.each([
    ['a follow-up recorded the day it ended', '2027-01-01', null],
    ['a follow-up recorded the day before it ended', '2026-12-31', 'DATE_OUT_OF_RANGE'],
  ])('%s', (_what, date, code) => {
    // Act
    const refused = codeOf(() => requireSincePlacementEnd(date, placement, ['recordedOn']));
    // Assess
    expect(refused).toBe(code);
  });

  it.each([
    ['an interruption the day it was created', placement, '2026-09-20', null],
    ['an interruption the day before it was created', placement, '2026-09-19', 'DATE_OUT_OF_RANGE'],
    [
      'an interruption before the start of a placement created after it started',
      { ...placement, createdAt: '2026-10-15T10:00:00.000Z' },
      '2026-09-30',
      'DATE_OUT_OF_RANGE',
    ],
    [
      'an interruption on the start of a placement created after it started',
      { ...placement, createdAt: '2026-10-15T10:00:00.000Z' },
      '2026-10-01',
      null,
    ],
  ])('%s', (_what, record, date, code) => {
    // Act
    const refused = codeOf(() => requireSincePlacementBegan(date, record, ['outcome', 'date']));
    // Assess
    expect(refused).toBe(code);
  });
});
