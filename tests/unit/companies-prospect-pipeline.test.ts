import { describe, expect, it } from 'vitest';
import {
  daysToJoin,
  joinedProspect,
  type ProspectPipeline,
  type ProspectStatus,
  prospectAfterOutreach,
} from '#companies/domain/company-prospect';
import { DomainRuleError } from '#kernel/errors';

const TODAY = '2026-12-08';

function ruleCode(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainRuleError) return error.userError.code;
    throw error;
  }
  return undefined;
}

function aProspect(
  status: ProspectStatus,
  steps: ProspectPipeline['steps'] = [],
): ProspectPipeline {
  return { status, addedOn: '2026-11-02', steps };
}

describe('company prospect pipeline', () => {
  it('moves forward with each step, keeping the dated steps in order', () => {
    // Act
    const contacted = prospectAfterOutreach(
      aProspect('PROSPECT'),
      { kind: 'FIRST_CONTACT', on: '2026-11-03' },
      TODAY,
    );
    const met = prospectAfterOutreach(contacted, { kind: 'MEETING', on: '2026-11-10' }, TODAY);
    const metAgain = prospectAfterOutreach(met, { kind: 'MEETING', on: '2026-11-17' }, TODAY);
    const joined = joinedProspect(metAgain, TODAY);
    // Assess
    expect([contacted.status, met.status, metAgain.status, joined.status]).toEqual([
      'CONTACTED',
      'MEETING',
      'MEETING',
      'JOINED',
    ]);
    expect(joined.steps).toEqual([
      { kind: 'FIRST_CONTACT', on: '2026-11-03' },
      { kind: 'MEETING', on: '2026-11-10' },
      { kind: 'MEETING', on: '2026-11-17' },
      { kind: 'JOINED', on: TODAY },
    ]);
  });

  it('allows a meeting without a recorded first contact, and a decline from every open status', () => {
    // Act
    const met = prospectAfterOutreach(aProspect('PROSPECT'), { kind: 'MEETING', on: TODAY }, TODAY);
    const declined = (['PROSPECT', 'CONTACTED', 'MEETING'] as const).map(
      (status) =>
        prospectAfterOutreach(aProspect(status), { kind: 'DECLINED', on: TODAY }, TODAY).status,
    );
    // Assess
    expect(met.status).toBe('MEETING');
    expect(declined).toEqual(['DECLINED', 'DECLINED', 'DECLINED']);
  });

  it('refuses a first contact once contacted or met: the pipeline only moves forward', () => {
    // Assess
    for (const status of ['CONTACTED', 'MEETING'] as const) {
      expect(
        ruleCode(() =>
          prospectAfterOutreach(aProspect(status), { kind: 'FIRST_CONTACT', on: TODAY }, TODAY),
        ),
      ).toBe('OUTREACH_NOT_ALLOWED');
    }
  });

  it('refuses every step and a second join on a closed prospect', () => {
    // Assess
    for (const status of ['JOINED', 'DECLINED'] as const) {
      for (const kind of ['FIRST_CONTACT', 'MEETING', 'DECLINED'] as const) {
        expect(
          ruleCode(() => prospectAfterOutreach(aProspect(status), { kind, on: TODAY }, TODAY)),
        ).toBe('PROSPECT_ALREADY_CLOSED');
      }
      expect(ruleCode(() => joinedProspect(aProspect(status), TODAY))).toBe(
        'PROSPECT_ALREADY_CLOSED',
      );
    }
  });

  it('refuses a step in the future, before the prospect was added, or before its last step', () => {
    // Prepare
    const contacted = aProspect('CONTACTED', [{ kind: 'FIRST_CONTACT', on: '2026-11-20' }]);
    // Assess
    const step = (p: ProspectPipeline, on: string) =>
      ruleCode(() => prospectAfterOutreach(p, { kind: 'MEETING', on }, TODAY));
    expect(step(aProspect('PROSPECT'), '2026-12-09')).toBe('DATE_OUT_OF_RANGE');
    expect(step(aProspect('PROSPECT'), '2026-11-01')).toBe('DATE_OUT_OF_RANGE');
    expect(step(contacted, '2026-11-19')).toBe('DATE_OUT_OF_RANGE');
    // Both ends are allowed.
    expect(step(aProspect('PROSPECT'), '2026-11-02')).toBeUndefined();
    expect(step(aProspect('PROSPECT'), TODAY)).toBeUndefined();
    expect(step(contacted, '2026-11-20')).toBeUndefined();
  });

  it('counts whole days from added to joined', () => {
    // Assess
    expect(daysToJoin('2026-11-02', '2026-11-02')).toBe(0);
    expect(daysToJoin('2026-10-20', '2026-11-02')).toBe(13);
    expect(daysToJoin('2026-03-01', '2026-03-31')).toBe(30);
  });
});
