import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '#kernel/table/table';
import type { Youth } from '#people/domain/youth';
import { server } from '#people/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import {
  dataProtectionOfficerIdentity,
  givenLink,
  givenMunicipalities,
  givenSharedCompany,
  givenSupportNote,
  givenTeam,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

const YOUTH_QUERY = `query ($id: ID!) { youth(id: $id) { id name interests workWishes } }`;

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Youth { id name barriers } }
}`;

/** Every field of `Youth` a linked company may not read, with a selection for it. */
const FIELDS_KEPT_FROM_COMPANIES = [
  'municipality { code }',
  'dateOfBirth',
  'age',
  'contact { phone }',
  'enrolledAt',
  'status',
  'statusHistory { status }',
  'consultant { id }',
  'benefitCategory',
  'benefitHistory { category }',
  'gender',
  'highestCompletedEducation',
  'studyAssignment { arm }',
  'barriers',
  'supportNotes { id }',
  'researchConsent { given }',
  'version',
];

describe('people subgraph: who may read a young person', () => {
  let table: Table;
  let ida: Youth;
  let karl: Youth;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
    ida = await givenYouth(table, {
      id: 'y-ida',
      consultantId: `staff-${ROSKILDE}-1`,
      barriers: ['Angst'],
    });
    karl = await givenYouth(table, { id: 'y-karl', municipalityCode: KOBENHAVN, name: 'Karl' });
    await givenSupportNote(table, ida.id, {
      date: '2026-02-01',
      text: 'Samtaleforløb hver anden uge',
      authorId: `staff-${ROSKILDE}-psychologist`,
    });
    await givenSharedCompany(table, 'c-linked', ROSKILDE);
    await givenSharedCompany(table, 'c-other', ROSKILDE);
    await givenLink(table, ida.id, 'c-linked');
  });

  it("shows the team of the young person's municipality the whole profile but support notes", async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity(ROSKILDE)),
      `query ($id: ID!) { youth(id: $id) {
        id name municipality { code name } dateOfBirth age contact { phone email } enrolledAt
        status statusHistory { status date reason } consultant { id name role }
        interests workWishes benefitCategory barriers researchConsent { given givenAt } version
      } }`,
      { id: ida.id },
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?.youth).toEqual({
      id: ida.id,
      name: 'Ida Jensen',
      municipality: { code: ROSKILDE, name: 'Roskilde' },
      dateOfBirth: '2004-03-14',
      age: 22,
      contact: { phone: '+4523456789', email: 'ida@example.dk' },
      enrolledAt: '2026-01-05',
      status: 'ENROLLED',
      statusHistory: [{ status: 'ENROLLED', date: '2026-01-05', reason: 'Indskrevet i NEXTWORK' }],
      consultant: {
        id: `staff-${ROSKILDE}-1`,
        name: `Medarbejder staff-${ROSKILDE}-1`,
        role: 'NETWORK_CONSULTANT',
      },
      interests: ['Musik'],
      workWishes: ['Tømrer', 'Kok'],
      benefitCategory: 'ACTIVITY_READY',
      barriers: ['Angst'],
      researchConsent: { given: false, givenAt: null },
      version: 1,
    });
  });

  it('keeps support notes from the team but the psychologist', async () => {
    // Act
    const consultant = await execute(
      server,
      testContext(table, staffIdentity(ROSKILDE)),
      'query ($id: ID!) { youth(id: $id) { name supportNotes { text } } }',
      { id: ida.id },
    );
    const psychologist = await execute(
      server,
      testContext(table, staffIdentity(ROSKILDE, 'PSYCHOLOGIST', `staff-${ROSKILDE}-psychologist`)),
      'query ($id: ID!) { youth(id: $id) { supportNotes { date text author { role } } } }',
      { id: ida.id },
    );
    // Assess
    expect(consultant.data?.youth).toEqual({ name: 'Ida Jensen', supportNotes: null });
    expect(errorCodes(consultant)).toEqual(['FORBIDDEN']);
    expect(psychologist.errors).toBeUndefined();
    expect(psychologist.data?.youth).toEqual({
      supportNotes: [
        {
          date: '2026-02-01',
          text: 'Samtaleforløb hver anden uge',
          author: { role: 'PSYCHOLOGIST' },
        },
      ],
    });
  });

  it("answers another municipality's team as an unknown id: null, no error", async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity(KOBENHAVN)),
      YOUTH_QUERY,
      { id: ida.id },
    );
    // Assess
    expect(result.data?.youth).toBeNull();
    expect(errorCodes(result)).toEqual([]);
  });

  it('shows a young person their own profile with barriers, but not support notes or others', async () => {
    // Act
    const own = await execute(
      server,
      testContext(table, youthIdentity(ROSKILDE, ida.id)),
      'query ($id: ID!) { youth(id: $id) { name barriers status } }',
      { id: ida.id },
    );
    const notes = await execute(
      server,
      testContext(table, youthIdentity(ROSKILDE, ida.id)),
      'query ($id: ID!) { youth(id: $id) { supportNotes { text } } }',
      { id: ida.id },
    );
    const other = await execute(
      server,
      testContext(table, youthIdentity(ROSKILDE, ida.id)),
      YOUTH_QUERY,
      { id: karl.id },
    );
    // Assess
    expect(own.data?.youth).toEqual({
      name: 'Ida Jensen',
      barriers: ['Angst'],
      status: 'ENROLLED',
    });
    expect(notes.data?.youth).toEqual({ supportNotes: null });
    expect(errorCodes(notes)).toEqual(['FORBIDDEN']);
    expect(other.data?.youth).toBeNull();
    expect(errorCodes(other)).toEqual([]);
  });

  it('shows a linked company only the name and work profile', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, companyContactIdentity('c-linked')),
      YOUTH_QUERY,
      { id: ida.id },
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?.youth).toEqual({
      id: ida.id,
      name: 'Ida Jensen',
      interests: ['Musik'],
      workWishes: ['Tømrer', 'Kok'],
    });
  });

  it.each(FIELDS_KEPT_FROM_COMPANIES)('refuses a linked company the field %s', async (field) => {
    // Act
    const result = await execute(
      server,
      testContext(table, companyContactIdentity('c-linked')),
      `query ($id: ID!) { youth(id: $id) { name ${field} } }`,
      { id: ida.id },
    );
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(result.data)).not.toMatch(/Angst|Samtale|2004-03-14|23456789/);
  });

  it('gives a linked company no barriers through _entities either', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, companyContactIdentity('c-linked')),
      ENTITIES,
      { representations: [{ __typename: 'Youth', id: ida.id }] },
    );
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(result.data)).not.toContain('Angst');
    expect(result.data).toEqual({
      _entities: [{ id: ida.id, name: 'Ida Jensen', barriers: null }],
    });
  });

  it('refuses a company without a link, through youth(id) and through _entities', async () => {
    // Act
    const root = await execute(
      server,
      testContext(table, companyContactIdentity('c-other')),
      YOUTH_QUERY,
      { id: ida.id },
    );
    const entities = await execute(
      server,
      testContext(table, companyContactIdentity('c-other')),
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Youth { name workWishes } }
      }`,
      { representations: [{ __typename: 'Youth', id: ida.id }] },
    );
    // Assess
    expect(root.data?.youth).toBeNull();
    expect(errorCodes(root)).toEqual([]);
    expect(entities.data?._entities).toEqual([null]);
    expect(errorCodes(entities)).toEqual(['FORBIDDEN']);
  });

  it('refuses a contact who is no longer with the linked company', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, companyContactIdentity('c-linked', 'contact-removed')),
      YOUTH_QUERY,
      { id: ida.id },
    );
    // Assess
    expect(result.data?.youth).toBeNull();
    expect(errorCodes(result)).toEqual([]);
  });

  it.each([
    ['the programme office', programmeIdentity()],
    ['a data protection officer', dataProtectionOfficerIdentity(ROSKILDE)],
  ])('refuses %s any young person', async (_who, identity) => {
    // Act
    const result = await execute(server, testContext(table, identity), YOUTH_QUERY, {
      id: ida.id,
    });
    // Assess: as an unknown id (#18, class 7)
    expect(result.data?.youth).toBeNull();
    expect(errorCodes(result)).toEqual([]);
  });

  it('refuses the anonymous probe', async () => {
    // Act
    const result = await execute(server, testContext(table, null), YOUTH_QUERY, { id: ida.id });
    // Assess
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });

  it('answers null for an unknown young person and BAD_USER_INPUT for a malformed id', async () => {
    // Act
    const unknown = await execute(
      server,
      testContext(table, staffIdentity(ROSKILDE)),
      YOUTH_QUERY,
      { id: 'y-nobody' },
    );
    const malformed = await execute(
      server,
      testContext(table, staffIdentity(ROSKILDE)),
      YOUTH_QUERY,
      { id: 'not an id!' },
    );
    // Assess
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.youth).toBeNull();
    expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
  });

  it('resolves Youth references in one batch, each by its own rule', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity(ROSKILDE)),
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Youth { id status } }
      }`,
      {
        representations: [
          { __typename: 'Youth', id: ida.id },
          { __typename: 'Youth', id: 'y-nobody' },
          { __typename: 'Youth', id: karl.id },
        ],
      },
    );
    // Assess
    expect(result.data?._entities).toEqual([{ id: ida.id, status: 'ENROLLED' }, null, null]);
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });
});
