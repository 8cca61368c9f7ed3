import { describe, expect, it } from 'vitest';
import { DomainRuleError } from '#kernel/errors';
import type { PlacementOutcome } from '#placements/domain/placement';
import {
  placementContribution,
  transitionCounterChanges,
} from '#placements/domain/placement-figures';
import {
  completePlacementStep,
  interruptPlacementStep,
} from '#placements/domain/placement-lifecycle';
import { placementPeriodCells } from '#placements/domain/placement-stats';
import { aPlacement } from '../support/placements-factories.ts';

function ruleOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainRuleError) return error.userError.code;
    throw error;
  }
  return undefined;
}

const reflection = { whatHappened: 'a', whatWasLearned: 'b', whatNext: 'c' };
const job: PlacementOutcome = {
  kind: 'JOB',
  date: '2026-11-20',
  details: { what: 'Lagermedarbejder', where: 'Firma', startDate: '2026-11-23' },
};

/** The month counters a placement's write moves, by name (the statuses by theirs). */
function countersMoved(
  before: ReturnType<typeof aPlacement>,
  after: ReturnType<typeof aPlacement>,
) {
  const moved: Record<string, number> = {};
  for (const change of transitionCounterChanges(before, after)) {
    const name = change.kind === 'status' ? change.status : change.counter;
    moved[name] = (moved[name] ?? 0) + change.by;
  }
  return Object.fromEntries(Object.entries(moved).filter(([, by]) => by !== 0));
}

describe('placements domain: leaving a placement early for education or a job', () => {
  it('completes the placement on the day the young person left, without a learning reflection', () => {
    // Prepare
    const running = aPlacement({
      status: 'ACTIVE',
      startDate: '2026-10-01',
      endDate: '2027-01-01',
    });
    // Act
    const { after, youthStatus } = interruptPlacementStep(running, job, null, '2026-11-26');
    // Assess
    expect(after).toMatchObject({ status: 'COMPLETED', endDate: '2026-11-20', outcome: job });
    expect(after.learningReflection).toBeNull();
    expect(youthStatus).toMatchObject({ status: 'IN_JOB' });
  });

  it('counts it as completed with its outcome, never as an interruption', () => {
    // Prepare
    const running = aPlacement({
      status: 'ACTIVE',
      startDate: '2026-10-01',
      endDate: '2027-01-01',
    });
    const education: PlacementOutcome = { ...job, kind: 'EDUCATION' };
    // Act
    const { after } = interruptPlacementStep(running, education, reflection, '2026-11-26');
    const moved = countersMoved(running, after);
    // Assess
    expect(moved).toEqual({ ACTIVE: -1, COMPLETED: 2, OUTCOME_EDUCATION: 1 });
    const month: Record<string, number> = {};
    for (const change of placementContribution(after)) {
      if (change.kind === 'month') month[change.counter] = (month[change.counter] ?? 0) + 1;
    }
    const { cells } = placementPeriodCells(
      { PLANNED: 0, ACTIVE: 0, EXTENDED: 0, COMPLETED: 1, INTERRUPTED: 0 },
      [month],
    );
    expect(cells).toMatchObject({ interruptedInPeriod: 0, completedInPeriod: 1, interrupted: 0 });
  });

  it('does not count a placement left before it began as started', () => {
    // Prepare
    const planned = aPlacement({
      status: 'PLANNED',
      startDate: '2026-12-01',
      endDate: '2027-03-01',
    });
    // Act
    const laterJob = { ...job, details: { what: 'Kok', where: 'Kro', startDate: '2026-12-01' } };
    const { after } = interruptPlacementStep(planned, laterJob, null, '2026-11-26');
    // Assess
    expect(after).toMatchObject({ status: 'COMPLETED', endDate: '2026-12-01' });
    expect(countersMoved(planned, after)).toEqual({
      PLANNED: -1,
      COMPLETED: 2,
      OUTCOME_JOB: 1,
    });
  });

  it('still asks for the learning reflection when a placement is interrupted for any other reason', () => {
    // Prepare
    const running = aPlacement({
      status: 'ACTIVE',
      startDate: '2026-10-01',
      endDate: '2027-01-01',
    });
    const pause: PlacementOutcome = { kind: 'PAUSE', date: '2026-11-20', details: null };
    // Act / Assess
    expect(ruleOf(() => interruptPlacementStep(running, pause, null, '2026-11-26'))).toBe(
      'LEARNING_REFLECTION_REQUIRED',
    );
    expect(interruptPlacementStep(running, pause, reflection, '2026-11-26').after.status).toBe(
      'INTERRUPTED',
    );
  });

  it('refuses to complete a placement the young person dropped out of', () => {
    // Prepare
    const running = aPlacement({
      status: 'ACTIVE',
      startDate: '2026-10-01',
      endDate: '2027-01-01',
    });
    const droppedOut: PlacementOutcome = { kind: 'DROPPED_OUT', date: '2026-11-20', details: null };
    // Act / Assess
    expect(ruleOf(() => completePlacementStep(running, droppedOut, '2026-11-26'))).toBe(
      'DROPPED_OUT_IS_AN_INTERRUPTION',
    );
  });
});
