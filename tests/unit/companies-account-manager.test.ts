import { describe, expect, it } from 'vitest';
import { requireAccountManager, type StaffOnRecord } from '#companies/domain/account-manager';
import { DomainRuleError } from '#kernel/errors';

function ruleCode(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainRuleError) return error.userError.code;
    throw error;
  }
  return undefined;
}

function aStaffMember(overrides: Partial<StaffOnRecord> = {}): StaffOnRecord {
  return { municipalityCode: '101', role: 'ENTREPRENEUR', removed: false, ...overrides };
}

describe('account manager rule', () => {
  it("takes the company's entrepreneur, team leader or network consultant", () => {
    // Assess
    for (const role of ['ENTREPRENEUR', 'TEAM_LEADER', 'NETWORK_CONSULTANT'] as const) {
      expect(ruleCode(() => requireAccountManager(aStaffMember({ role }), '101'))).toBeUndefined();
    }
  });

  it('refuses a psychologist', () => {
    // Assess
    expect(
      ruleCode(() => requireAccountManager(aStaffMember({ role: 'PSYCHOLOGIST' }), '101')),
    ).toBe('ACCOUNT_MANAGER_ROLE');
  });

  it('refuses an unknown, a removed and another municipality’s staff member alike', () => {
    // Assess
    expect(ruleCode(() => requireAccountManager(undefined, '101'))).toBe(
      'ACCOUNT_MANAGER_NOT_ON_TEAM',
    );
    expect(ruleCode(() => requireAccountManager(aStaffMember({ removed: true }), '101'))).toBe(
      'ACCOUNT_MANAGER_NOT_ON_TEAM',
    );
    expect(
      ruleCode(() => requireAccountManager(aStaffMember({ municipalityCode: '147' }), '101')),
    ).toBe('ACCOUNT_MANAGER_NOT_ON_TEAM');
  });
});
