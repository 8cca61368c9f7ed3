import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

/**
 * Issue 21, the psychologist, end to end through the gateway over HTTP: Roskilde's psychologist
 * records a contact with a young person, reads it back and finds them first on their caseload,
 * changes a support note at its version; the consultant and another municipality's psychologist
 * are refused; the programme office adds a new municipality's first team leader.
 */

const ROSKILDE = '265';
const world = buildDemoWorld();
const psychologist = world.staff.find(
  (s) => s.municipalityCode === ROSKILDE && s.role === 'PSYCHOLOGIST',
);
const consultant = world.staff.find(
  (s) => s.municipalityCode === ROSKILDE && s.role === 'NETWORK_CONSULTANT',
);
const otherPsychologist = world.staff.find(
  (s) => s.municipalityCode !== ROSKILDE && s.role === 'PSYCHOLOGIST',
);
const person = world.youth.find(
  (y) => y.municipalityCode === ROSKILDE && y.supportNotes.length > 0 && y.status !== 'EXITED',
);
if (!psychologist || !consultant || !otherPsychologist || !person) {
  throw new Error(
    'The demo world lacks a psychologist, a consultant or a young person of Roskilde',
  );
}

const RECORD = `mutation ($input: RecordPsychologistContactInput!) {
  recordPsychologistContact(input: $input) {
    psychologistContact { id on kind minutes referralMade followUp { on note } }
    errors { code path }
  }
}`;

describe('the psychologist’s contacts, notes and caseload, through the gateway', () => {
  let test: TestStack;

  beforeAll(async () => {
    test = await startTestStack();
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('records a contact, reads it back, finds the young person first on the caseload', async () => {
    // Prepare
    const token = await test.token('PSYCHOLOGIST', {
      municipalityCode: ROSKILDE,
      staffId: psychologist.id,
    });
    const input = {
      youthId: person.id,
      on: world.today,
      kind: 'JOINT_MEETING_WITH_CONSULTANT',
      minutes: 45,
      referralMade: 'GENERAL_PRACTITIONER',
      followUp: { on: world.today, note: 'Tal med egen læge' },
      idempotencyKey: 'e2e-contact-1',
    };
    // Act
    const recorded = await test.query<{
      recordPsychologistContact: { psychologistContact: { id: string } | null; errors: unknown[] };
    }>(RECORD, { token, variables: { input } });
    const repeated = await test.query(RECORD, { token, variables: { input } });
    const read = await test.query(
      `query ($id: ID!) {
        youth(id: $id) { psychologistContacts(first: 5) { edges { node { id kind minutes } } } }
      }`,
      { token, variables: { id: person.id } },
    );
    const caseload = await test.query<{
      staffMember: { psychologistCaseload: { edges: Array<{ node: { id: string } }> } };
    }>(
      `query ($id: ID!) {
        staffMember(id: $id) { psychologistCaseload(first: 5) { edges { node { id } } } }
      }`,
      { token, variables: { id: psychologist.id } },
    );
    // Assess
    const contact = recorded.body.data?.recordPsychologistContact;
    expect(contact).toMatchObject({
      psychologistContact: {
        on: world.today,
        kind: 'JOINT_MEETING_WITH_CONSULTANT',
        minutes: 45,
        referralMade: 'GENERAL_PRACTITIONER',
        followUp: { on: world.today, note: 'Tal med egen læge' },
      },
      errors: [],
    });
    expect(repeated.body.data).toEqual(recorded.body.data);
    expect(JSON.stringify(read.body.data)).toContain(String(contact?.psychologistContact?.id));
    expect(caseload.body.data?.staffMember.psychologistCaseload.edges[0]?.node.id).toBe(person.id);
  });

  it('refuses the consultant and another municipality’s psychologist', async () => {
    // Prepare
    const asConsultant = await test.token('NETWORK_CONSULTANT', {
      municipalityCode: ROSKILDE,
      staffId: consultant.id,
    });
    const asOther = await test.token('PSYCHOLOGIST', {
      municipalityCode: otherPsychologist.municipalityCode,
      staffId: otherPsychologist.id,
    });
    const input = {
      youthId: person.id,
      on: world.today,
      kind: 'PHONE',
      minutes: 10,
      referralMade: 'NONE',
    };
    // Act
    const byConsultant = await test.query(RECORD, { token: asConsultant, variables: { input } });
    const byOther = await test.query(RECORD, { token: asOther, variables: { input } });
    const caseload = await test.query(
      `query ($id: ID!) { staffMember(id: $id) { psychologistCaseload { edges { node { id } } } } }`,
      { token: asConsultant, variables: { id: psychologist.id } },
    );
    // Assess
    expect(byConsultant.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(byOther.body.data).toMatchObject({
      recordPsychologistContact: {
        psychologistContact: null,
        errors: [{ code: 'YOUTH_NOT_FOUND' }],
      },
    });
    expect(caseload.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('changes a support note at its version, and refuses the stale version', async () => {
    // Prepare
    const token = await test.token('PSYCHOLOGIST', {
      municipalityCode: ROSKILDE,
      staffId: psychologist.id,
    });
    const notes = await test.query<{
      youth: { supportNotes: Array<{ id: string; version: number }> };
    }>('query ($id: ID!) { youth(id: $id) { supportNotes { id version } } }', {
      token,
      variables: { id: person.id },
    });
    const note = notes.body.data?.youth.supportNotes[0];
    if (!note) throw new Error(`No note: ${JSON.stringify(notes.body)}`);
    const UPDATE = `mutation ($input: UpdateSupportNoteInput!) {
      updateSupportNote(input: $input) { supportNote { text version } errors { code } }
    }`;
    const input = { youthId: person.id, noteId: note.id, expectedVersion: note.version };
    // Act
    const changed = await test.query(UPDATE, {
      token,
      variables: { input: { ...input, text: 'Rettet gennem gatewayen' } },
    });
    const stale = await test.query(UPDATE, {
      token,
      variables: { input: { ...input, text: 'For sent' } },
    });
    // Assess
    expect(changed.body.data).toEqual({
      updateSupportNote: {
        supportNote: { text: 'Rettet gennem gatewayen', version: note.version + 1 },
        errors: [],
      },
    });
    expect(stale.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('lets the programme office add a new municipality’s first team leader, unseen after', async () => {
    // Prepare
    const token = await test.token('PROGRAMME');
    const registered = await test.query(
      `mutation { registerMunicipality(input: { code: "173" }) { errors { code } } }`,
      { token },
    );
    // Act
    const added = await test.query<{ addStaffMember: { errors: unknown[] } }>(
      `mutation ($input: AddStaffMemberInput!) { addStaffMember(input: $input) { errors { code } } }`,
      {
        token,
        variables: {
          input: {
            municipalityCode: '173',
            name: 'Karen Lund',
            role: 'TEAM_LEADER',
            phone: '+4540404041',
            email: 'karen.lund@kommune.dk',
          },
        },
      },
    );
    const team = await test.query('{ municipality(code: "173") { team { name } } }', { token });
    // Assess
    expect(registered.body.errors).toBeUndefined();
    expect(added.body.data?.addStaffMember.errors).toEqual([]);
    expect(JSON.stringify(team.body)).not.toContain('Karen');
  });
});
