import { describe, expect, it } from 'vitest';
import {
  type Cumulative,
  isSmallCell,
  publishFigures,
  publishProgramme,
  ROUNDING_BASE,
  roundToBase,
  shareOf,
  showsAverage,
  unsuppressed,
} from '#kernel/small-cells';

type Cell = 'total' | 'a' | 'b' | 'c';
const RULES = {
  stocks: [] as Cell[],
  derived: [{ total: 'total' as const, parts: ['a', 'b', 'c'] as const }],
};
const FLOW = { stocks: [] as 'n'[], derived: [] };

function cells(a: number, b: number, c: number): Record<Cell, number> {
  return { total: a + b + c, a, b, c };
}

/** The flow `n` of months `first..last` (0-based, both included) as the programme sees it. */
function publishedPeriod(months: readonly number[], first: number, last: number): number {
  const through = months.slice(0, last + 1).reduce((a, b) => a + b, 0);
  const before = months.slice(0, first).reduce((a, b) => a + b, 0);
  return publishFigures({ through: { n: through }, before: { n: before } }, FLOW).cells.n as number;
}

/** Every period `[first, last]` of a number of months. */
function periodsOf(length: number): Array<[number, number]> {
  const periods: Array<[number, number]> = [];
  for (let first = 0; first < length; first++) {
    for (let last = first; last < length; last++) periods.push([first, last]);
  }
  return periods;
}

/** Every series of monthly counts 0..max of a length. */
function* everySeries(length: number, max: number): Generator<number[]> {
  if (length === 0) {
    yield [];
    return;
  }
  for (const rest of everySeries(length - 1, max)) {
    for (let n = 0; n <= max; n++) yield [...rest, n];
  }
}

/**
 * What someone who sees every period's published flow can know of each period's true count:
 * the counts of that period over every series of months that publishes the same answers.
 */
function whatAnAttackerKnows(months: readonly number[]): Map<string, Set<number>> {
  const periods = periodsOf(months.length);
  const answers = periods.map(([f, l]) => publishedPeriod(months, f, l));
  const possible = new Map(periods.map(([f, l]) => [`${f}-${l}`, new Set<number>()]));
  for (const candidate of everySeries(months.length, 12)) {
    const same = periods.every(([f, l], i) => publishedPeriod(candidate, f, l) === answers[i]);
    if (!same) continue;
    for (const [f, l] of periods) {
      const count = candidate.slice(f, l + 1).reduce((a, b) => a + b, 0);
      possible.get(`${f}-${l}`)?.add(count);
    }
  }
  return possible;
}

describe('small cells: rounding', () => {
  it('rounds a count to the nearest multiple of 5: 0–2 to 0, 3–7 to 5, 8–12 to 10', () => {
    // Act and assess
    expect([0, 1, 2, 3, 4, 5, 7, 8, 12, 13].map(roundToBase)).toEqual([
      0, 0, 0, 5, 5, 5, 5, 10, 10, 15,
    ]);
    expect([0, 1, 4, 5].map(isSmallCell)).toEqual([false, true, true, false]);
  });

  it('never publishes a larger count smaller (monotone), so a flow is never negative', () => {
    // Act and assess
    for (let n = 0; n < 200; n++) expect(roundToBase(n + 1)).toBeGreaterThanOrEqual(roundToBase(n));
  });
});

describe('small cells: one figures object', () => {
  it('publishes a flow as the rounded count through the period minus the rounded count before it', () => {
    // Prepare: 9 through the period, 7 before it: 2 in the period
    const counts: Cumulative<Cell> = { through: cells(9, 0, 0), before: cells(7, 0, 0) };
    // Act
    const shown = publishFigures(counts, RULES);
    // Assess: 10 − 5, never the 2 counted
    expect(shown).toEqual({ cells: { total: 5, a: 5, b: 0, c: 0 }, suppressed: true });
  });

  it('publishes a stock as its own rounded count and a total as the sum of its parts as published', () => {
    // Prepare: parts 3, 3, 3 (a total of 9, which alone would round to 10)
    const rules = { stocks: ['total', 'a', 'b', 'c'] as Cell[], derived: RULES.derived };
    // Act
    const shown = publishFigures({ through: cells(3, 3, 3), before: cells(0, 0, 0) }, rules);
    // Assess: the total is 15, so total − a − b = c gives 5, not 3
    expect(shown.cells).toEqual({ total: 15, a: 5, b: 5, c: 5 });
  });

  it('shows the team its counts exactly', () => {
    // Act and assess
    expect(unsuppressed(cells(1, 2, 0))).toEqual({
      cells: { total: 3, a: 1, b: 2, c: 0 },
      suppressed: false,
    });
  });

  it('makes a share of the counts as shown and hides a share of nothing', () => {
    // Act and assess
    expect(shareOf(null, 10)).toBeNull();
    expect(shareOf(5, null)).toBeNull();
    expect(shareOf(5, 0)).toBeNull();
    expect(shareOf(5, 10)).toBe(0.5);
  });

  it('shows a median or an average to the programme office over 10 or more as published', () => {
    // Act and assess
    expect(showsAverage(5, { suppressed: true })).toBe(false);
    expect(showsAverage(10, { suppressed: true })).toBe(true);
    expect(showsAverage(0, { suppressed: true })).toBe(false);
    expect(showsAverage(1, { suppressed: false })).toBe(true);
    expect(showsAverage(0, { suppressed: false })).toBe(false);
  });
});

describe('small cells: differencing periods', () => {
  it('answers two periods a month apart with figures whose difference is a multiple of 5', () => {
    // Prepare: the case, months of 10, 2 and 3 young people
    const months = [10, 2, 3];
    // Act
    const answers = periodsOf(3).map(([f, l]) => publishedPeriod(months, f, l));
    // Assess
    for (const a of answers) {
      expect(a % ROUNDING_BASE).toBe(0);
      for (const b of answers) {
        expect(isSmallCell(Math.abs(a - b))).toBe(false);
        expect(isSmallCell(a + b)).toBe(false);
      }
    }
  });

  it('leaves every period of 1 to 4 open to several counts, whatever periods are asked', () => {
    // Prepare: worlds of four months where single months and runs of them are small
    const worlds = [
      [10, 2, 3, 0],
      [3, 3, 3, 3],
      [1, 0, 4, 2],
      [12, 1, 0, 1],
      [7, 4, 4, 8],
      [2, 2, 2, 2],
    ];
    for (const months of worlds) {
      // Act: every consistent alternative, given the answers to all ten periods
      const known = whatAnAttackerKnows(months);
      // Assess: no period's count of 1 to 4 is the only one possible
      for (const [period, possible] of known) {
        const [f, l] = period.split('-').map(Number) as [number, number];
        const count = months.slice(f, l + 1).reduce((a, b) => a + b, 0);
        expect(possible.has(count)).toBe(true);
        if (isSmallCell(count)) expect([period, possible.size > 1]).toEqual([period, true]);
      }
    }
  });

  it('answers the same period the same way every time (nothing to gain by asking again)', () => {
    // Act and assess
    expect(publishedPeriod([4, 9, 1], 1, 2)).toBe(publishedPeriod([4, 9, 1], 1, 2));
  });
});

describe('small cells: municipalities and the programme total', () => {
  it('publishes the total as the sum of the municipalities as published', () => {
    // Prepare: a total of 13 would round to 15; the municipalities publish 5 + 5 + 0
    const byMunicipality = new Map<string, Cumulative<Cell>>([
      ['101', { through: cells(7, 0, 0), before: cells(0, 0, 0) }],
      ['265', { through: cells(4, 0, 0), before: cells(0, 0, 0) }],
      ['630', { through: cells(2, 0, 0), before: cells(0, 0, 0) }],
    ]);
    // Act
    const { municipalities, total } = publishProgramme(byMunicipality, RULES);
    // Assess: total − 101 − 265 = 0, which gives 630's 2 away no more than its own 0
    expect([...municipalities.values()].map(({ cells: c }) => c.a)).toEqual([5, 5, 0]);
    expect(total).toEqual({ cells: { total: 10, a: 10, b: 0, c: 0 }, suppressed: true });
  });
});
