import { readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DATA_SUBJECT_ACCESS, dataSubjectAudience } from '#people/domain/data-subject-access';
import { MUNICIPALITY_FIELD_ACCESS } from '#people/domain/municipality-access';
import { STAFF_FIELD_ACCESS, staffAudience } from '#people/domain/staff-access';
import { YOUTH_FIELD_ACCESS, type YouthAudience, youthAudience } from '#people/domain/youth-access';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { dataProtectionOfficerIdentity } from '../support/people-factories.ts';

/** The fields the people SDL declares on a type. */
function sdlFields(typeName: string): string[] {
  const document = parse(
    readFileSync(new URL('../../schema/people.graphql', import.meta.url), 'utf8'),
  );
  const type = document.definitions.find(
    (definition) =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === typeName,
  );
  if (!type || type.kind !== Kind.OBJECT_TYPE_DEFINITION) throw new Error(`no type ${typeName}`);
  return (type.fields ?? []).map((field) => field.name.value).sort();
}

describe('people access rules', () => {
  it.each([
    ['Youth', YOUTH_FIELD_ACCESS],
    ['StaffMember', STAFF_FIELD_ACCESS],
    ['Municipality', MUNICIPALITY_FIELD_ACCESS],
  ] as const)('has exactly one rule for every field of %s', (typeName, rules) => {
    // Act
    const fields = sdlFields(typeName);
    // Assess
    expect(Object.keys(rules).sort()).toEqual(fields);
  });

  it('lets a linked company read the name (and so the first name) and work profile only', () => {
    // Act
    const readable = Object.entries(YOUTH_FIELD_ACCESS)
      .filter(([, audiences]) => (audiences as readonly YouthAudience[]).includes('LINKED_COMPANY'))
      .map(([field]) => field)
      .sort();
    // Assess
    expect(readable).toEqual(['firstName', 'id', 'interests', 'name', 'workWishes']);
  });

  it('keeps support notes for the psychologist alone', () => {
    // Assess
    expect(YOUTH_FIELD_ACCESS.supportNotes).toEqual(['PSYCHOLOGIST']);
  });

  it.each([
    ['a consultant of the municipality', staffIdentity('265'), false, 'TEAM'],
    [
      'the psychologist of the municipality',
      staffIdentity('265', 'PSYCHOLOGIST'),
      false,
      'PSYCHOLOGIST',
    ],
    ["another municipality's team", staffIdentity('101'), false, null],
    ['the young person', youthIdentity('265', 'y-1'), false, 'SELF'],
    ['another young person', youthIdentity('265', 'y-2'), false, null],
    ['a linked company contact', companyContactIdentity('c-1'), true, 'LINKED_COMPANY'],
    ['a company contact without a link', companyContactIdentity('c-1'), false, null],
    ['the programme office', programmeIdentity(), false, null],
    ['the data protection officer', dataProtectionOfficerIdentity('265'), false, null],
  ] as const)(
    'gives %s the right audience for a young person of Roskilde',
    (_who, identity, linked, audience) => {
      // Act
      const result = youthAudience(identity, { id: 'y-1', municipalityCode: '265' }, linked);
      // Assess
      expect(result).toBe(audience);
    },
  );

  it.each([
    ['the team', staffIdentity('265'), undefined, 'TEAM'],
    ['a young person of the municipality', youthIdentity('265', 'y-1'), '265', 'PARTICIPANT'],
    [
      'a young person whose token, not record, names the municipality',
      youthIdentity('265', 'y-1'),
      '101',
      null,
    ],
    [
      "a contact of the municipality's company",
      companyContactIdentity('c-1'),
      '265',
      'PARTICIPANT',
    ],
    ["another municipality's company contact", companyContactIdentity('c-2'), '101', null],
    ['the programme office', programmeIdentity(), undefined, null],
  ] as const)(
    'gives %s the right audience for a staff member of Roskilde',
    (_who, identity, participantMunicipality, audience) => {
      // Act
      const result = staffAudience(identity, { municipalityCode: '265' }, participantMunicipality);
      // Assess
      expect(result).toBe(audience);
    },
  );

  it.each([
    [
      'the data protection officer of the municipality',
      dataProtectionOfficerIdentity('265'),
      'DATA_PROTECTION_OFFICER',
    ],
    ["another municipality's data protection officer", dataProtectionOfficerIdentity('101'), null],
    ['the young person', youthIdentity('265', 'y-1'), 'SELF'],
    ['a consultant of the municipality', staffIdentity('265'), 'TEAM'],
    ['a company contact, linked or not', companyContactIdentity('c-1'), null],
    ['the programme office', programmeIdentity(), null],
  ] as const)(
    "gives %s the right audience for a Roskilde young person's rights",
    (_who, identity, audience) => {
      // Act
      const result = dataSubjectAudience(identity, { id: 'y-1', municipalityCode: '265' });
      // Assess
      expect(result).toBe(audience);
    },
  );

  it('leaves erasure and the audit trail to the data protection officer alone', () => {
    // Assess
    expect(DATA_SUBJECT_ACCESS.eraseYouth).toEqual(['DATA_PROTECTION_OFFICER']);
    expect(DATA_SUBJECT_ACCESS.auditTrail).toEqual(['DATA_PROTECTION_OFFICER']);
    expect(DATA_SUBJECT_ACCESS.exportYouthData).not.toContain('LINKED_COMPANY');
  });
});
