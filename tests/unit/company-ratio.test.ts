import { describe, expect, it } from 'vitest';
import { DomainRuleError } from '#kernel/errors';
import { companyPlaceLimit, requireCompanyRatio } from '#placements/domain/company-ratio';

const PERIOD = { startDate: '2027-01-04', endDate: '2027-02-26' };
const held = (startDate: string, endDate: string) => ({
  startDate,
  endDate,
  status: 'PLANNED' as const,
});

describe('rimelighedskravet (BEK nr. 2636 af 28/12/2021 § 65, stk. 1)', () => {
  it.each([
    [0, 1],
    [4, 1],
    [9, 1],
    [10, 2],
    [24, 4],
    [50, 10],
    [59, 10],
    [60, 11],
    [200, 25],
  ])('lets a company of %i ordinary employees have %i at once', (employees, limit) => {
    // Prepare / Act
    const places = companyPlaceLimit(employees);
    // Assess
    expect(places).toBe(limit);
  });

  it('lets a company that has not told its size have one at a time', () => {
    expect(companyPlaceLimit(null)).toBe(1);
  });

  it('counts the placements held at once in the period, not all that touch it', () => {
    // Prepare: a company of ten (two at once); two placements in the period, one after the other
    const others = [held('2026-12-01', '2027-01-10'), held('2027-02-01', '2027-03-31')];
    // Act / Assess
    expect(() => requireCompanyRatio(others, 10, PERIOD, 'opportunityId')).not.toThrow();
  });

  it('refuses a placement that would make one too many on a day of its period, naming limit and rule', () => {
    // Prepare: a company of ten (two at once) with two placements overlapping on 2027-01-08
    const others = [held('2026-12-01', '2027-01-10'), held('2027-01-08', '2027-03-31')];
    // Act
    let refusal: unknown;
    try {
      requireCompanyRatio(others, 10, PERIOD, 'opportunityId');
    } catch (error) {
      refusal = error;
    }
    // Assess
    expect(refusal).toBeInstanceOf(DomainRuleError);
    const { userError } = refusal as DomainRuleError;
    expect(userError.code).toBe('COMPANY_RATIO_EXCEEDED');
    expect(userError.path).toEqual(['opportunityId']);
    expect(userError.message).toContain('at most 2 people');
    expect(userError.message).toContain('§ 65');
  });
});
