import { describe, expect, it } from 'vitest';
import type { Company } from '#companies/domain/company';
import {
  leftCompany,
  pausedCompany,
  requireNotLastContact,
  resumedCompany,
} from '#companies/domain/company-lifecycle';
import { companyStatsChange } from '#companies/domain/company-stats';
import { DomainRuleError } from '#kernel/errors';
import { aCompany } from '../support/companies-factories.ts';

const TODAY = '2026-11-26';
const PAUSE = { from: '2026-11-20', until: '2027-01-10', reason: 'Travl sæson' };

function ruleCode(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainRuleError) return error.userError.code;
    throw error;
  }
  return undefined;
}

function company(status: Company['status']): Company {
  return aCompany({ status });
}

describe('company lifecycle rules', () => {
  it('pauses an active company with the period', () => {
    // Act
    const paused = pausedCompany(company('ACTIVE'), PAUSE, TODAY);
    // Assess
    expect(paused.status).toBe('PAUSED');
    expect(paused.pause).toEqual(PAUSE);
  });

  it('refuses to pause a company that is paused or has left', () => {
    // Act
    const codes = [company('PAUSED'), company('LEFT')].map((c) =>
      ruleCode(() => pausedCompany(c, PAUSE, TODAY)),
    );
    // Assess
    expect(codes).toEqual(['COMPANY_NOT_ACTIVE', 'COMPANY_NOT_ACTIVE']);
  });

  it('refuses a pause that starts in the future or is already over', () => {
    // Act
    const future = ruleCode(() =>
      pausedCompany(company('ACTIVE'), { ...PAUSE, from: '2026-12-01' }, TODAY),
    );
    const over = ruleCode(() =>
      pausedCompany(company('ACTIVE'), { ...PAUSE, until: TODAY }, TODAY),
    );
    // Assess
    expect(future).toBe('PAUSE_STARTS_IN_FUTURE');
    expect(over).toBe('PAUSE_ALREADY_OVER');
  });

  it('resumes a paused company and takes back one that left, dropping pause and leaving date', () => {
    // Act
    const fromPause = resumedCompany(company('PAUSED'));
    const fromLeft = resumedCompany(company('LEFT'));
    // Assess
    expect(fromPause.status).toBe('ACTIVE');
    expect(fromPause.pause).toBeUndefined();
    expect(fromLeft.status).toBe('ACTIVE');
    expect(fromLeft.leftOn).toBeUndefined();
  });

  it('refuses to resume an active company and to leave twice', () => {
    // Act
    const resume = ruleCode(() => resumedCompany(company('ACTIVE')));
    const leave = ruleCode(() => leftCompany(company('LEFT'), TODAY));
    // Assess
    expect(resume).toBe('COMPANY_ALREADY_ACTIVE');
    expect(leave).toBe('COMPANY_ALREADY_LEFT');
  });

  it('lets a paused company leave, dated today', () => {
    // Act
    const left = leftCompany(company('PAUSED'), TODAY);
    // Assess
    expect(left).toMatchObject({ status: 'LEFT', leftOn: TODAY });
    expect(left.pause).toBeUndefined();
  });

  it('never removes the last contact person', () => {
    // Act
    const code = ruleCode(() => requireNotLastContact(aCompany({ contactIds: ['ct-1'] })));
    // Assess
    expect(code).toBe('LAST_CONTACT');
  });

  it('moves one count from the old status to the new one', () => {
    // Act
    const join = companyStatsChange(undefined, 'ACTIVE');
    const pause = companyStatsChange('ACTIVE', 'PAUSED');
    const leave = companyStatsChange('PAUSED', 'LEFT');
    // Assess
    expect(join).toEqual({ active: 1 });
    expect(pause).toEqual({ active: -1, paused: 1 });
    expect(leave).toEqual({ paused: -1, left: 1 });
  });
});
