import { describe, expect, it } from 'vitest';
import { publishProgramme, ROUNDING_BASE } from '#kernel/small-cells';
import type { Placement } from '#placements/domain/placement';
import {
  allCounterChanges,
  type CounterChange,
  firstPlacementContribution,
  hasStarted,
  transitionCounterChanges,
} from '#placements/domain/placement-figures';
import { extendPlacementStep } from '#placements/domain/placement-lifecycle';
import {
  emptyStatusCounts,
  medianDaysFromHistogram,
  PLACEMENT_PUBLISH_RULES,
  PLACEMENT_RELATIONS,
  type PlacementCell,
  placementPeriodCells,
} from '#placements/domain/placement-stats';
import { aPlacement } from '../support/placements-factories.ts';

/** The net change of each month counter. */
function net(changes: readonly CounterChange[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const change of changes) {
    const name = change.kind === 'status' ? change.status : `${change.month} ${change.counter}`;
    sums[name] = (sums[name] ?? 0) + change.by;
  }
  return Object.fromEntries(Object.entries(sums).filter(([, n]) => n !== 0));
}

describe('placements domain: monthly figures', () => {
  it('counts a recorded follow-up in the month it was recorded, kept or lost', () => {
    // Prepare
    const before = aPlacement({
      status: 'COMPLETED',
      outcome: { kind: 'JOB', date: '2026-03-01', details: null },
    });
    const after: Placement = {
      ...before,
      followUps: [
        {
          step: 'FOLLOW_UP_3_MONTHS',
          outcomeKind: 'JOB',
          dueDate: '2026-06-01',
          recordedOn: '2026-06-03',
          stillThere: false,
          notes: null,
        },
      ],
    };
    // Act
    const changes = net(transitionCounterChanges(before, after));
    // Assess
    expect(changes).toEqual({ '2026-06 FOLLOW_UP_3_LOST': 1 });
  });

  it('keeps counting an extension after the placement completes', () => {
    // Prepare
    const active = aPlacement({ status: 'ACTIVE', startDate: '2026-01-05', endDate: '2026-04-05' });
    const { after: extended } = extendPlacementStep(
      active,
      '2026-06-05',
      '2026-03-20',
      '2026-11-26',
    );
    const completed: Placement = {
      ...extended,
      status: 'COMPLETED',
      outcome: { kind: 'EDUCATION', date: '2026-06-05', details: null },
    };
    // Act
    const extension = net(transitionCounterChanges(active, extended));
    const completion = net(transitionCounterChanges(extended, completed));
    // Assess
    expect(extension).toEqual({
      ACTIVE: -1,
      EXTENDED: 1,
      '2026-03 EXTENDED': 1,
      '2026-03 OUTCOME_EXTENDED': 1,
    });
    expect(completion).toEqual({
      EXTENDED: -1,
      COMPLETED: 1,
      '2026-06 COMPLETED': 1,
      '2026-06 OUTCOME_EDUCATION': 1,
    });
  });

  it('does not count a placement interrupted before its start date as started', () => {
    // Prepare
    const planned = aPlacement({ status: 'PLANNED', startDate: '2026-12-01' });
    const interrupted: Placement = {
      ...planned,
      status: 'INTERRUPTED',
      outcome: { kind: 'PAUSE', date: '2026-11-20', details: null },
    };
    // Act / Assess
    expect(hasStarted(interrupted)).toBe(false);
    expect(net(transitionCounterChanges(planned, interrupted))).toEqual({
      PLANNED: -1,
      INTERRUPTED: 1,
      '2026-11 INTERRUPTED': 1,
      '2026-11 OUTCOME_PAUSE': 1,
    });
  });

  it('moves the first placement when an earlier one starts later, in whole weeks from enrolment', () => {
    // Prepare
    const later = aPlacement({ id: 'p-later', status: 'ACTIVE', startDate: '2026-03-02' });
    const earlierPlanned = aPlacement({
      id: 'p-earlier',
      status: 'PLANNED',
      startDate: '2026-02-02',
    });
    const earlierStarted: Placement = { ...earlierPlanned, status: 'ACTIVE' };
    const youth = { enrolledAt: '2026-01-05', placements: [later, earlierPlanned] };
    // Act
    const changes = net(transitionCounterChanges(earlierPlanned, earlierStarted, youth));
    // Assess: 56 days is week 8, 28 days week 4
    expect(changes).toEqual({
      PLANNED: -1,
      ACTIVE: 1,
      '2026-02 STARTED': 1,
      '2026-03 FIRST_PLACEMENTS': -1,
      '2026-03 FIRST_WEEK_8': -1,
      '2026-02 FIRST_PLACEMENTS': 1,
      '2026-02 FIRST_WEEK_4': 1,
    });
  });

  it('adds up the same contributions for the seeder and the recount as the writes make', () => {
    // Prepare
    const planned = aPlacement({ id: 'p-a', status: 'PLANNED', startDate: '2026-02-02' });
    const started: Placement = { ...planned, status: 'ACTIVE' };
    // Act
    const written = net([
      ...transitionCounterChanges(null, planned, { enrolledAt: '2026-01-05', placements: [] }),
      ...transitionCounterChanges(planned, started, {
        enrolledAt: '2026-01-05',
        placements: [planned],
      }),
    ]);
    const seeded = net(allCounterChanges([started], () => '2026-01-05'));
    // Assess
    expect(written).toEqual(seeded);
    expect(firstPlacementContribution(null, [started])).toEqual([]);
  });

  it('reads the median off the histogram of weeks, to within three days, capped at a year', () => {
    // Act / Assess
    expect(medianDaysFromHistogram([])).toBeNull();
    expect(medianDaysFromHistogram([0, 2, 0, 1])).toBe(10);
    expect(medianDaysFromHistogram([1, 0, 0, 3])).toBe(24);
    const capped = Array.from({ length: 53 }, (_, week) => (week === 52 ? 5 : 0));
    expect(medianDaysFromHistogram(capped)).toBe(364);
  });
});

describe('placements domain: publishing the programme figures', () => {
  it('publishes multiples of 5, totals that add up as published, and bases within 2 of the count', () => {
    // Prepare
    const cellsOf = (overrides: Partial<Record<PlacementCell, number>>) => {
      // Every cell the figures have, at zero (the feedback histograms' among them).
      const zero: Record<PlacementCell, number> = placementPeriodCells(
        emptyStatusCounts(),
        [],
      ).cells;
      return { ...zero, ...overrides };
    };
    const byMunicipality = new Map([
      [
        '101',
        cellsOf({
          completedInPeriod: 20,
          interruptedInPeriod: 3,
          endedInPeriod: 23,
          outcomeEDUCATION: 10,
          outcomeJOB: 9,
          outcomePAUSE: 4,
          leftForEducationOrJob: 19,
          followedUp3: 12,
          kept3: 10,
          lost3: 2,
        }),
      ],
      [
        '265',
        cellsOf({
          completedInPeriod: 30,
          interruptedInPeriod: 8,
          endedInPeriod: 38,
          outcomeEDUCATION: 20,
          outcomeJOB: 10,
          outcomeDROPPED_OUT: 8,
          leftForEducationOrJob: 30,
          followedUp3: 25,
          kept3: 20,
          lost3: 5,
        }),
      ],
    ]);
    const zero = cellsOf({});
    // Act
    const shown = publishProgramme(
      new Map([...byMunicipality].map(([code, cells]) => [code, { through: cells, before: zero }])),
      PLACEMENT_PUBLISH_RULES,
    );
    // Assess
    const derived = new Set(PLACEMENT_PUBLISH_RULES.derived.map(({ total }) => total));
    for (const [code, figures] of shown.municipalities) {
      const counted = byMunicipality.get(code) as Record<PlacementCell, number>;
      for (const { total, parts } of PLACEMENT_PUBLISH_RULES.derived) {
        const sum = parts.reduce((n, part) => n + (figures.cells[part] as number), 0);
        expect(figures.cells[total]).toBe(sum);
      }
      for (const [cell, value] of Object.entries(figures.cells) as [PlacementCell, number][]) {
        expect(value % ROUNDING_BASE).toBe(0);
        if (!derived.has(cell)) expect(Math.abs(value - counted[cell])).toBeLessThanOrEqual(2);
      }
    }
    for (const cell of Object.keys(shown.total.cells) as PlacementCell[]) {
      const column = [...shown.municipalities.values()].map((f) => f.cells[cell] as number);
      expect(shown.total.cells[cell]).toBe(column.reduce((a, b) => a + b, 0));
    }
    // The outcomes by kind are a second partition of the ended placements, published apart.
    expect(PLACEMENT_RELATIONS.length).toBe(PLACEMENT_PUBLISH_RULES.derived.length + 1);
  });
});

describe('placements domain: counts now and flows published apart', () => {
  it('publishes a count by status as its own rounded value and a flow as a difference', () => {
    // Prepare: 12 active now (the same before the period and through it); 9 started through the
    // period, 7 of them before it
    const zero = Object.fromEntries(
      Object.keys(placementPeriodCells(emptyStatusCounts(), []).cells).map((name) => [name, 0]),
    ) as Record<PlacementCell, number>;
    const before = { ...zero, active: 12, startedInPeriod: 7 };
    const through = { ...zero, active: 12, startedInPeriod: 9 };
    // Act
    const shown = publishProgramme(
      new Map([['265', { through, before }]]),
      PLACEMENT_PUBLISH_RULES,
    );
    // Assess: active 10 (not 10 − 10); started 10 − 5, never the 2 counted
    expect(shown.total.cells).toMatchObject({ active: 10, startedInPeriod: 5 });
  });
});
