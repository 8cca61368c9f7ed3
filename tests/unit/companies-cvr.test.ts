import { describe, expect, it } from 'vitest';
import { CvrSchema, hasValidCvrCheckDigit } from '#companies/domain/cvr';

describe('CVR numbers (modulus 11)', () => {
  it('accepts a number whose weighted digit sum is divisible by 11', () => {
    // Prepare: 2*1 + 7*0 + 6*1 + 5*5 + 4*0 + 3*3 + 2*2 + 1*x = 46 + x; x = 9 gives 55
    const cvr = '10150329';
    // Act
    const valid = hasValidCvrCheckDigit(cvr);
    // Assess
    expect(valid).toBe(true);
  });

  it('refuses the same number with a wrong check digit', () => {
    // Act
    const valid = hasValidCvrCheckDigit('10150328');
    // Assess
    expect(valid).toBe(false);
  });

  it('normalises spaces and explains a wrong check digit', () => {
    // Act
    const spaced = CvrSchema.safeParse('1015 0329');
    const wrong = CvrSchema.safeParse('10150328');
    // Assess
    expect(spaced).toEqual({ success: true, data: '10150329' });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.message).toContain('check digit');
  });

  it('refuses anything but eight digits', () => {
    // Act
    const results = ['1234567', '123456789', 'abcdefgh', ''].map(
      (value) => CvrSchema.safeParse(value).success,
    );
    // Assess
    expect(results).toEqual([false, false, false, false]);
  });
});
