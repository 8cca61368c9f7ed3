import { describe, expect, it } from 'vitest';
import { DomainRuleError } from '#kernel/errors';
import {
  type ExtensionJustification,
  requireExtensionWithinLimit,
} from '#placements/domain/extension-limit';
import {
  chaseAt,
  type LifecycleTask,
  nextChaseAt,
  routeAfter,
  startOfDay,
  stepDueDate,
} from '#placements/domain/lifecycle';
import { ScaledLifecycleClock } from '#placements/domain/lifecycle-clock';
import { LIFECYCLE_CONFIG } from '#placements/domain/lifecycle-config';
import { aPlacement } from '../support/placements-factories.ts';

function aTask(overrides: Partial<LifecycleTask> = {}): LifecycleTask {
  return {
    id: 'p-1-CHECK_IN-1',
    placementId: 'p-1',
    municipalityCode: '265',
    step: 'CHECK_IN',
    round: 1,
    dueDate: '2026-10-15',
    assigneeStaffId: 's-1',
    status: 'OPEN',
    openedAt: '2026-10-12T00:00:00.000Z',
    reminders: 0,
    lastRemindedAt: null,
    escalations: 0,
    lastEscalatedAt: null,
    completedOn: null,
    completedBy: null,
    notes: null,
    result: null,
    taskToken: 't',
    version: 1,
    ...overrides,
  };
}

function code(run: () => void): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainRuleError) return error.userError.code;
    throw error;
  }
  return 'ALLOWED';
}

describe('lifecycle due dates', () => {
  it('takes the steps from the placement: weeks 2, 6 and 11, the end date, months after the job began', () => {
    // Prepare
    const placement = aPlacement({ startDate: '2026-10-01', endDate: '2027-01-01' });
    const withJob = {
      ...placement,
      outcome: {
        kind: 'JOB' as const,
        date: '2027-01-01',
        details: { what: 'Kok', where: 'Kroen', startDate: '2027-01-04' },
      },
    };
    // Act
    const due = {
      checkIn: stepDueDate(placement, 'CHECK_IN', 1, LIFECYCLE_CONFIG),
      midway: stepDueDate(placement, 'MIDWAY_EVALUATION', 1, LIFECYCLE_CONFIG),
      beforeEnd: stepDueDate(placement, 'BEFORE_END_TALK', 1, LIFECYCLE_CONFIG),
      decision: stepDueDate(placement, 'OUTCOME_DECISION', 1, LIFECYCLE_CONFIG),
      afterExtension: stepDueDate(
        { ...placement, endDate: '2027-02-01' },
        'BEFORE_END_TALK',
        2,
        LIFECYCLE_CONFIG,
      ),
      threeMonths: stepDueDate(withJob, 'FOLLOW_UP_3_MONTHS', 1, LIFECYCLE_CONFIG),
      sixMonths: stepDueDate(withJob, 'FOLLOW_UP_6_MONTHS', 1, LIFECYCLE_CONFIG),
    };
    // Assess
    expect(due).toEqual({
      checkIn: '2026-10-15',
      midway: '2026-11-12',
      beforeEnd: '2026-12-17',
      decision: '2027-01-01',
      afterExtension: '2027-01-18',
      threeMonths: '2027-04-04',
      sixMonths: '2027-07-04',
    });
  });

  it("uses a municipality's own weeks where it set them", () => {
    // Prepare
    const config = { ...LIFECYCLE_CONFIG, municipalityStepWeeks: { '265': { CHECK_IN: 1 } } };
    const placement = aPlacement({ municipalityCode: '265', startDate: '2026-10-01' });
    // Act
    const checkIn = stepDueDate(placement, 'CHECK_IN', 1, config);
    // Assess
    expect(checkIn).toBe('2026-10-08');
  });
});

describe('chasing an overdue task', () => {
  it('does nothing before the reminder, reminds, escalates, and escalates again a week later', () => {
    // Prepare
    const at = (date: string) => startOfDay(date) + 3_600_000;
    // Act
    const decisions = [
      chaseAt(aTask(), at('2026-10-16'), LIFECYCLE_CONFIG),
      chaseAt(aTask(), at('2026-10-17'), LIFECYCLE_CONFIG),
      chaseAt(aTask({ reminders: 1 }), at('2026-10-18'), LIFECYCLE_CONFIG),
      chaseAt(aTask({ reminders: 1 }), at('2026-10-20'), LIFECYCLE_CONFIG),
      chaseAt(
        aTask({ reminders: 1, escalations: 1, lastEscalatedAt: '2026-10-20T01:00:00.000Z' }),
        at('2026-10-26'),
        LIFECYCLE_CONFIG,
      ),
      chaseAt(
        aTask({ reminders: 1, escalations: 1, lastEscalatedAt: '2026-10-20T01:00:00.000Z' }),
        at('2026-10-27'),
        LIFECYCLE_CONFIG,
      ),
      chaseAt(aTask({ status: 'DONE' }), at('2026-12-01'), LIFECYCLE_CONFIG),
    ];
    // Assess
    expect(decisions).toEqual([
      'NOTHING',
      'REMIND',
      'NOTHING',
      'ESCALATE',
      'NOTHING',
      'ESCALATE',
      'NOTHING',
    ]);
    expect(nextChaseAt(aTask(), LIFECYCLE_CONFIG)).toBe(startOfDay('2026-10-17'));
  });
});

describe('routing after a step', () => {
  it('extends, follows up education and jobs, and ends otherwise', () => {
    // Prepare
    const decided = (kind: string) => ({ outcomeKind: kind, stillThere: null });
    // Act
    const routes = [
      routeAfter('OUTCOME_DECISION', decided('EXTENDED')),
      routeAfter('OUTCOME_DECISION', decided('JOB')),
      routeAfter('OUTCOME_DECISION', decided('EDUCATION')),
      routeAfter('OUTCOME_DECISION', decided('PAUSE')),
      routeAfter('OUTCOME_DECISION', decided('NEW_PLACEMENT')),
      routeAfter('FOLLOW_UP_3_MONTHS', { outcomeKind: null, stillThere: true }),
      routeAfter('FOLLOW_UP_3_MONTHS', { outcomeKind: null, stillThere: false }),
    ];
    // Assess
    expect(routes).toEqual(['EXTEND', 'FOLLOW_UP', 'FOLLOW_UP', 'END', 'END', 'FOLLOW_UP', 'END']);
  });
});

describe('the extension limit per benefit category', () => {
  const placement = aPlacement({ startDate: '2026-10-01', endDate: '2027-01-01' });
  const at26Weeks = { ...placement, endDate: '2027-04-01' };
  const none: ExtensionJustification = { individualAssessment: false, specialNeed: null };
  const assessed: ExtensionJustification = { individualAssessment: true, specialNeed: null };
  const needed: ExtensionJustification = {
    individualAssessment: true,
    specialNeed: 'Behov for længere tilvænning',
  };

  it('allows 13 weeks freely, 26 after an individual assessment, then 13 at a time with a special need', () => {
    // Prepare
    const check = (
      from: typeof placement,
      newEnd: string,
      justification: typeof none,
      category = 'ACTIVITY_READY',
    ) =>
      code(() =>
        requireExtensionWithinLimit(from, newEnd, category, justification, LIFECYCLE_CONFIG),
      );
    // Act
    const results = [
      check(placement, '2026-12-31', none),
      check(placement, '2027-02-01', none),
      check(placement, '2027-02-01', assessed),
      check(placement, '2027-04-01', assessed),
      check(placement, '2027-04-15', assessed),
      check(at26Weeks, '2027-06-15', needed),
      check(at26Weeks, '2027-08-01', needed),
      check(placement, '2027-02-01', assessed, 'UNKNOWN'),
    ];
    // Assess
    expect(results).toEqual([
      'ALLOWED',
      'EXTENSION_LIMIT_EXCEEDED',
      'ALLOWED',
      'ALLOWED',
      'EXTENSION_LIMIT_EXCEEDED',
      'ALLOWED',
      'EXTENSION_LIMIT_EXCEEDED',
      'BENEFIT_CATEGORY_UNKNOWN',
    ]);
  });
});

describe('the lifecycle clock', () => {
  it('runs faster by its scale and never asks for a wait longer than 20 days', () => {
    // Prepare
    let wall = Date.parse('2026-10-01T00:00:00Z');
    const clock = new ScaledLifecycleClock(10_080, 0, () => wall);
    // Act
    wall += 60_000;
    const aWeekLater = clock.now();
    const secondsToNextWeek = clock.secondsUntil(aWeekLater + 7 * 86_400_000);
    const secondsToNextYear = new ScaledLifecycleClock(1, 0, () => wall).secondsUntil(
      wall + 365 * 86_400_000,
    );
    // Assess
    expect(new Date(aWeekLater).toISOString()).toBe('2026-10-08T00:00:00.000Z');
    expect(secondsToNextWeek).toBe(60);
    expect(secondsToNextYear).toBe(20 * 86_400);
    expect(clock.offsetMs()).toBe(7 * 86_400_000 - 60_000);
  });
});
