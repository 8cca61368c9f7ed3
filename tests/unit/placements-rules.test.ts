import { describe, expect, it } from 'vitest';
import { addMonths } from '#kernel/calendar';
import { DomainRuleError } from '#kernel/errors';
import { danishToday } from '#kernel/today';
import { UnitOfWork } from '#kernel/unit-of-work';
import { scheduledCheckpoints } from '#placements/domain/checkpoint-schedule';
import { peakConcurrency, rangesOverlap } from '#placements/domain/dates';
import { invitationStatus } from '#placements/domain/invitation';
import {
  defaultEndDate,
  initialStatus,
  youthStatusAfterOutcome,
} from '#placements/domain/placement';
import type { CounterChange } from '#placements/domain/placement-figures';
import { transitionCounterChanges } from '#placements/domain/placement-figures';
import {
  completePlacementStep,
  extendPlacementStep,
  interruptPlacementStep,
  startPlacementStep,
} from '#placements/domain/placement-lifecycle';
import { stageCounterChanges } from '#placements/repository/placement-stats-entity';
import { aPlacement } from '../support/placements-factories.ts';

/** The transaction actions a write's counter changes stage on a unit of work. */
function counterActions(changes: CounterChange[]) {
  const work = new UnitOfWork();
  stageCounterChanges(work, changes);
  return work.transaction([]);
}

function ruleOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainRuleError) return error.userError.code;
    throw error;
  }
  return undefined;
}

describe('placements domain: dates', () => {
  it('ends a placement three calendar months after its start, keeping the day where it can', () => {
    // Act / Assess
    expect(defaultEndDate('2026-05-31')).toBe('2026-08-31');
    expect(defaultEndDate('2026-11-30')).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
  });

  it('takes periods sharing one day as overlapping', () => {
    // Act / Assess
    expect(
      rangesOverlap(
        { startDate: '2026-01-01', endDate: '2026-03-31' },
        { startDate: '2026-03-31', endDate: '2026-06-30' },
      ),
    ).toBe(true);
    expect(
      rangesOverlap(
        { startDate: '2026-01-01', endDate: '2026-03-31' },
        { startDate: '2026-04-01', endDate: '2026-06-30' },
      ),
    ).toBe(false);
  });

  it('counts how many periods are held at once at the busiest day of a window', () => {
    // Prepare
    const held = [
      { startDate: '2026-01-01', endDate: '2026-03-31' },
      { startDate: '2026-03-01', endDate: '2026-05-31' },
      { startDate: '2026-06-01', endDate: '2026-08-31' },
    ];
    // Act / Assess
    expect(peakConcurrency(held, { startDate: '2026-02-01', endDate: '2026-07-01' })).toBe(2);
    expect(peakConcurrency(held, { startDate: '2026-04-01', endDate: '2026-07-01' })).toBe(1);
    expect(peakConcurrency(held, { startDate: '2026-09-01', endDate: '2026-12-01' })).toBe(0);
  });

  it('takes today from the Danish calendar', () => {
    // Act / Assess
    expect(danishToday(new Date('2026-11-25T23:30:00Z'))).toBe('2026-11-26');
  });
});

describe('placements domain: the course of a placement', () => {
  it('makes a placement starting today active, a later one planned', () => {
    // Act / Assess
    expect(initialStatus('2026-11-26', '2026-11-26')).toBe('ACTIVE');
    expect(initialStatus('2026-11-27', '2026-11-26')).toBe('PLANNED');
  });

  it("places the checkpoints on the lifecycle's schedule (weeks 2, 6 and 11), in order", () => {
    // Act
    const checkpoints = scheduledCheckpoints({
      startDate: '2026-01-01',
      endDate: '2026-04-01',
      municipalityCode: '265',
      outcome: null,
    });
    // Assess
    expect(checkpoints.map((c) => [c.id, c.dueDate])).toEqual([
      ['cp-1', '2026-01-15'],
      ['cp-2', '2026-02-12'],
      ['cp-3', '2026-03-19'],
    ]);
  });

  it('moves the young person with the outcome; an extension keeps them in placement', () => {
    // Act / Assess
    expect(youthStatusAfterOutcome('EDUCATION')).toBe('IN_EDUCATION');
    expect(youthStatusAfterOutcome('JOB')).toBe('IN_JOB');
    expect(youthStatusAfterOutcome('EXTENDED')).toBeNull();
    expect(youthStatusAfterOutcome('NEW_PLACEMENT')).toBe('ENROLLED');
  });

  it('refuses the steps a placement cannot take', () => {
    // Prepare
    const planned = aPlacement({ status: 'PLANNED', startDate: '2026-12-01' });
    const completed = aPlacement({ status: 'COMPLETED' });
    const outcome = { kind: 'PAUSE' as const, date: '2026-11-20', details: null };
    const reflection = { whatHappened: 'a', whatWasLearned: 'b', whatNext: 'c' };
    // Act / Assess
    expect(ruleOf(() => startPlacementStep(planned, '2026-11-26'))).toBe(
      'PLACEMENT_NOT_STARTING_YET',
    );
    expect(
      ruleOf(() => extendPlacementStep(planned, '2027-06-01', '2026-11-26', '2026-11-26')),
    ).toBe('PLACEMENT_NOT_RUNNING');
    expect(ruleOf(() => completePlacementStep(completed, outcome, '2026-11-26'))).toBe(
      'PLACEMENT_NOT_RUNNING',
    );
    expect(ruleOf(() => interruptPlacementStep(completed, outcome, reflection, '2026-11-26'))).toBe(
      'PLACEMENT_ENDED',
    );
  });

  it('ends a planned placement interrupted before it began on its start date', () => {
    // Prepare
    const planned = aPlacement({
      status: 'PLANNED',
      startDate: '2026-12-01',
      endDate: '2027-03-01',
    });
    // Act
    const { after } = interruptPlacementStep(
      planned,
      { kind: 'NEW_PLACEMENT', date: '2026-11-20', details: null },
      { whatHappened: 'a', whatWasLearned: 'b', whatNext: 'c' },
      '2026-11-26',
    );
    // Assess
    expect(after).toMatchObject({ status: 'INTERRUPTED', endDate: '2026-12-01' });
  });
});

describe('placements domain: figures', () => {
  it('counts a completion as a status move, an end and an outcome, in one update of the counter item', () => {
    // Prepare
    const before = aPlacement({ status: 'ACTIVE' });
    const after = {
      ...before,
      status: 'COMPLETED' as const,
      outcome: { kind: 'JOB' as const, date: '2026-12-20', details: null },
    };
    // Act
    const actions = counterActions(transitionCounterChanges(before, after));
    // Assess
    expect(actions).toEqual([
      {
        update: { pk: 'STATS#MUNI#265', sk: 'PLACEMENTS#STATUS' },
        spec: {
          set: { entity: 'PlacementStatusCounters' },
          add: { ACTIVE: -1, COMPLETED: 1, '2026-12#COMPLETED': 1, '2026-12#OUTCOME_JOB': 1 },
        },
      },
    ]);
  });

  it('counts nothing when a checkpoint is held', () => {
    // Prepare
    const placement = aPlacement();
    // Act / Assess
    expect(
      counterActions(transitionCounterChanges(placement, { ...placement, checkpoints: [] })),
    ).toEqual([]);
  });
});

describe('placements domain: invitations', () => {
  it('shows a pending invitation as expired once its due time has passed, an answered one as answered', () => {
    // Prepare
    const invitation = {
      id: 'i-1',
      municipalityCode: '265',
      youthId: 'y-1',
      companyId: 'c-1',
      opportunityId: null,
      message: 'Hej',
      status: 'PENDING' as const,
      answerBy: '2026-11-10T09:00:00.000Z',
      answeredAt: null,
      placementId: null,
      createdAt: '2026-11-03T09:00:00.000Z',
      version: 1,
    };
    // Act / Assess
    expect(invitationStatus(invitation, new Date('2026-11-10T08:59:59Z'))).toBe('PENDING');
    expect(invitationStatus(invitation, new Date('2026-11-10T09:00:01Z'))).toBe('EXPIRED');
    expect(
      invitationStatus({ ...invitation, status: 'ACCEPTED' }, new Date('2026-12-01T00:00:00Z')),
    ).toBe('ACCEPTED');
  });
});
