import { describe, expect, it } from 'vitest';
import {
  AddCompanyProspectInputSchema,
  RecordCompanyOutreachInputSchema,
} from '#companies/domain/company-prospect-inputs';
import { BadUserInputError } from '#kernel/errors';
import { parseInput } from '#kernel/validation';

function addCompanyProspectInput(overrides: Record<string, unknown> = {}) {
  return { municipalityCode: '101', name: 'Bageriet på hjørnet', ...overrides };
}

function recordCompanyOutreachInput(overrides: Record<string, unknown> = {}) {
  return {
    prospectId: 'prospect-1',
    kind: 'FIRST_CONTACT',
    on: '2026-12-01',
    expectedVersion: 1,
    ...overrides,
  };
}

function issuePaths(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof BadUserInputError) {
      return (error.extensions.issues as Array<{ path: string }>).map((issue) => issue.path);
    }
    throw error;
  }
  return [];
}

describe('company prospect inputs', () => {
  it('takes a prospect by name alone, optional fields absent or null meaning not given', () => {
    // Act
    const parsed = parseInput(
      AddCompanyProspectInputSchema,
      addCompanyProspectInput({ cvr: null }),
    );
    // Assess
    expect(parsed).toEqual({
      municipalityCode: '101',
      name: 'Bageriet på hjørnet',
      cvr: undefined,
      sector: undefined,
      contactName: undefined,
      contactPhone: undefined,
      notes: undefined,
    });
  });

  it('normalises the contact phone and the CVR', () => {
    // Act
    const parsed = parseInput(
      AddCompanyProspectInputSchema,
      addCompanyProspectInput({
        cvr: '1015 0329',
        contactName: 'Lone',
        contactPhone: '22 33 44 55',
      }),
    );
    // Assess
    expect(parsed.cvr).toBe('10150329');
    expect(parsed.contactPhone).toBe('+4522334455');
  });

  it('refuses a bad municipality, an empty name, a wrong CVR and a phone that is not Danish', () => {
    // Assess
    expect(
      issuePaths(() =>
        parseInput(
          AddCompanyProspectInputSchema,
          addCompanyProspectInput({
            municipalityCode: '1',
            name: ' ',
            cvr: '10150328',
            contactPhone: '123',
          }),
        ),
      ).sort(),
    ).toEqual(['contactPhone', 'cvr', 'municipalityCode', 'name']);
  });

  it('takes an outreach step and refuses an unknown kind, a date that does not exist and a negative version', () => {
    // Act
    const parsed = parseInput(
      RecordCompanyOutreachInputSchema,
      recordCompanyOutreachInput({ note: null }),
    );
    // Assess
    expect(parsed).toEqual({ ...recordCompanyOutreachInput(), note: undefined });
    expect(
      issuePaths(() =>
        parseInput(
          RecordCompanyOutreachInputSchema,
          recordCompanyOutreachInput({ kind: 'JOINED', on: '2026-02-30', expectedVersion: -1 }),
        ),
      ).sort(),
    ).toEqual(['expectedVersion', 'kind', 'on']);
  });
});
