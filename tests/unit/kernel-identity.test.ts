import { describe, expect, it } from 'vitest';
import { claimsToIdentity } from '#kernel/identity';

describe('claims to identity', () => {
  it('maps a staff token with its municipality and staff id', () => {
    // Act
    const identity = claimsToIdentity({
      sub: 'abc',
      'cognito:groups': ['NETWORK_CONSULTANT'],
      'custom:municipality': '265',
      'custom:staff': 's-265-2',
    });
    // Assess
    expect(identity).toEqual({
      role: 'NETWORK_CONSULTANT',
      subject: 'abc',
      municipalityCode: '265',
      staffId: 's-265-2',
    });
  });

  it('maps a company contact without a municipality', () => {
    // Act
    const identity = claimsToIdentity({
      sub: 'abc',
      'cognito:groups': ['COMPANY_CONTACT'],
      'custom:company': 'c-265-001',
      'custom:contact': 'ct-265-001-1',
    });
    // Assess
    expect(identity).toMatchObject({ role: 'COMPANY_CONTACT', companyId: 'c-265-001' });
  });

  it.each([
    ['no role', { sub: 'a' }],
    [
      'two roles',
      { sub: 'a', 'cognito:groups': ['PROGRAMME', 'TEAM_LEADER'], 'custom:municipality': '101' },
    ],
    ['an unknown role', { sub: 'a', 'cognito:groups': ['ADMIN'] }],
    [
      'staff without municipality',
      { sub: 'a', 'cognito:groups': ['TEAM_LEADER'], 'custom:staff': 's' },
    ],
    [
      'a young person without their id',
      { sub: 'a', 'cognito:groups': ['YOUTH'], 'custom:municipality': '101' },
    ],
    [
      'a malformed municipality',
      { sub: 'a', 'cognito:groups': ['DATA_PROTECTION_OFFICER'], 'custom:municipality': '1' },
    ],
  ])('refuses a token with %s', (_, claims) => {
    // Act and assess
    expect(() => claimsToIdentity(claims)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
    );
  });
});
