import { describe, expect, it } from 'vitest';
import { DomainRuleError } from '#kernel/errors';
import { requireNetworkConsultantOf } from '#people/domain/consultant-rules';
import { giveConsent, withdrawConsent } from '#people/domain/research-consent';
import { ageOn, NO_CONSENT, YOUTH_STATUSES, type YouthStatus } from '#people/domain/youth';
import { isAgeInProgramme } from '#people/domain/youth-inputs';
import { youthStatsView } from '#people/domain/youth-stats';
import {
  canChangeStatus,
  requireManualStatusChange,
  requireStatusChangeAllowed,
  YOUTH_STATUS_TRANSITIONS,
} from '#people/domain/youth-status-rules';
import { aStaffMember } from '../support/people-factories.ts';

function ruleCode(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (error instanceof DomainRuleError) return error.userError.code;
    throw error;
  }
}

describe('people rules: status transitions', () => {
  it('makes EXITED final', () => {
    // Act
    const moves = YOUTH_STATUSES.filter((to) => canChangeStatus('EXITED', to));
    // Assess
    expect(moves).toEqual([]);
  });

  it.each(YOUTH_STATUSES.filter((s) => s !== 'EXITED'))(
    'lets %s go to PAUSED (unless paused) and to EXITED',
    (from) => {
      // Act
      const toPaused = canChangeStatus(from, 'PAUSED');
      const toExited = canChangeStatus(from, 'EXITED');
      // Assess
      expect(toPaused).toBe(from !== 'PAUSED');
      expect(toExited).toBe(true);
    },
  );

  it('never "changes" a status to itself', () => {
    // Act
    const selfMoves = YOUTH_STATUSES.filter((status) => canChangeStatus(status, status));
    // Assess
    expect(selfMoves).toEqual([]);
  });

  it('starts a placement only for someone enrolled or pausing', () => {
    // Act
    const from = YOUTH_STATUSES.filter((status) => canChangeStatus(status, 'IN_PLACEMENT'));
    // Assess
    expect(from).toEqual(['ENROLLED', 'PAUSED']);
  });

  it('covers every status in the table', () => {
    // Assess
    expect(Object.keys(YOUTH_STATUS_TRANSITIONS).sort()).toEqual([...YOUTH_STATUSES].sort());
  });

  it.each([
    [
      { status: 'EXITED', changedAt: '2026-01-01' },
      { status: 'ENROLLED', date: '2026-02-01' },
      'STATUS_TRANSITION_NOT_ALLOWED',
    ],
    [
      { status: 'IN_JOB', changedAt: '2026-01-01' },
      { status: 'IN_PLACEMENT', date: '2026-02-01' },
      'STATUS_TRANSITION_NOT_ALLOWED',
    ],
    [
      { status: 'ENROLLED', changedAt: '2026-03-01' },
      { status: 'PAUSED', date: '2026-02-01' },
      'STATUS_DATE_BEFORE_LAST_CHANGE',
    ],
    [
      { status: 'ENROLLED', changedAt: '2026-03-01' },
      { status: 'PAUSED', date: '2026-03-01' },
      undefined,
    ],
    [{ status: 'ENROLLED' }, { status: 'PAUSED', date: '2020-01-01' }, undefined],
  ] as Array<
    [
      { status: YouthStatus; changedAt?: string },
      { status: YouthStatus; date: string },
      string | undefined,
    ]
  >)('checks %o → %o as %s', (current, change, code) => {
    // Act
    const result = ruleCode(() => requireStatusChangeAllowed(current, change));
    // Assess
    expect(result).toBe(code);
  });

  it('keeps IN_PLACEMENT and future dates out of manual changes', () => {
    // Act
    const placement = ruleCode(() =>
      requireManualStatusChange({ status: 'IN_PLACEMENT', date: '2026-01-01' }, '2026-06-01'),
    );
    const future = ruleCode(() =>
      requireManualStatusChange({ status: 'PAUSED', date: '2026-06-02' }, '2026-06-01'),
    );
    // Assess
    expect(placement).toBe('STATUS_SET_BY_PLACEMENT');
    expect(future).toBe('DATE_IN_FUTURE');
  });
});

describe('people rules: age and input', () => {
  it.each([
    ['2004-03-14', '2026-03-13', 21],
    ['2004-03-14', '2026-03-14', 22],
    ['2004-02-29', '2026-02-28', 21],
    ['2004-02-29', '2026-03-01', 22],
  ])('born %s is, on %s, %i', (born, on, age) => {
    // Act
    const result = ageOn(born, on);
    // Assess
    expect(result).toBe(age);
  });

  it.each([
    ['2011-11-26', true],
    ['2011-11-27', false],
    ['1990-11-27', true],
    ['1990-11-26', false],
  ])('accepts a birth date of %s today (2026-11-26): %s', (dateOfBirth, accepted) => {
    // Act
    const inRange = isAgeInProgramme(dateOfBirth, '2026-11-26');
    // Assess
    expect(inRange).toBe(accepted);
  });
});

describe('people rules: research consent', () => {
  it('gives, withdraws and gives again, never backwards in time', () => {
    // Act
    const given = giveConsent(NO_CONSENT, '2026-01-10', '2026-06-01');
    const withdrawn = withdrawConsent(given, '2026-02-10', '2026-06-01');
    const again = giveConsent(withdrawn, '2026-03-10', '2026-06-01');
    const backwards = ruleCode(() => giveConsent(withdrawn, '2026-02-01', '2026-06-01'));
    // Assess
    expect(given).toEqual({ given: true, givenAt: '2026-01-10', withdrawnAt: null });
    expect(withdrawn).toEqual({ given: false, givenAt: '2026-01-10', withdrawnAt: '2026-02-10' });
    expect(again).toEqual({ given: true, givenAt: '2026-03-10', withdrawnAt: null });
    expect(backwards).toBe('CONSENT_DATE_BEFORE_LAST_CHANGE');
  });
});

describe('people rules: consultants', () => {
  it.each([
    [undefined, 'CONSULTANT_NOT_FOUND'],
    [aStaffMember({ municipalityCode: '101' }), 'CONSULTANT_NOT_FOUND'],
    [aStaffMember({ role: 'ENTREPRENEUR' }), 'NOT_A_NETWORK_CONSULTANT'],
    [aStaffMember(), undefined],
  ])('checks a consultant for Roskilde: %o → %s', (staff, code) => {
    // Act
    const result = ruleCode(() => requireNetworkConsultantOf(staff, '265'));
    // Assess
    expect(result).toBe(code);
  });
});

describe('people rules: figures', () => {
  const counts = {
    ENROLLED: 20,
    IN_PLACEMENT: 12,
    IN_EDUCATION: 3,
    IN_JOB: 7,
    PAUSED: 0,
    EXITED: 9,
  };

  it('shows the team every count', () => {
    // Act
    const view = youthStatsView(counts, false);
    // Assess
    expect(view).toEqual({
      total: 51,
      enrolled: 20,
      inPlacement: 12,
      inEducation: 3,
      inJob: 7,
      paused: 0,
      exited: 9,
    });
  });

  it('rounds every status to a multiple of 5 for the programme office, the total their sum', () => {
    // Act
    const view = youthStatsView(counts, true);
    // Assess: 20, 12, 3, 7, 0, 9 publish 20, 10, 5, 5, 0, 10; the total 50 is their sum, so
    // the total minus the other statuses gives each status only as published
    expect(view).toEqual({
      total: 50,
      enrolled: 20,
      inPlacement: 10,
      inEducation: 5,
      inJob: 5,
      paused: 0,
      exited: 10,
    });
  });

  it('publishes no count of 1 to 4, alone or as the total minus the other statuses', () => {
    // Act: three statuses of 3 (9 in all, which alone would round to 10)
    const view = youthStatsView(
      { ENROLLED: 3, IN_PLACEMENT: 3, IN_EDUCATION: 3, IN_JOB: 0, PAUSED: 0, EXITED: 0 },
      true,
    );
    // Assess: 15 − 5 − 5 = 5, never the 3 counted
    expect(view).toMatchObject({ enrolled: 5, inPlacement: 5, inEducation: 5, total: 15 });
  });
});
