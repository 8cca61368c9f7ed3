import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import type { Identity } from '#kernel/identity';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { erasePeopleData } from '#people/data-subject/people-data-subject';
import { SupportNoteEntity } from '#people/repository/support-note-entity';
import { server } from '#people/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { staffIdentity, youthIdentity } from '../support/identities.ts';
import {
  aStaffMember,
  aSupportNote,
  dataProtectionOfficerIdentity,
  givenMunicipalities,
  givenStaff,
  givenSupportNote,
  givenTeam,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
  recordPsychologistContactInput,
} from '../support/people-factories.ts';

/**
 * The psychologist's own record (issue #21): contacts with a young person that only the
 * municipality's psychologist reads (as support notes), changes of a support note at a version,
 * and the psychologist's caseload, which the psychologist themself and their team leader read.
 */

const RECORD = `mutation ($input: RecordPsychologistContactInput!) {
  recordPsychologistContact(input: $input) {
    psychologistContact {
      id on kind minutes referralMade followUp { on note } psychologist { id } recordedAt
    }
    errors { code path }
  }
}`;

const CONTACTS = `query ($id: ID!) {
  youth(id: $id) { psychologistContacts(first: 10) { edges { node { on kind minutes } } } }
}`;

const UPDATE_NOTE = `mutation ($input: UpdateSupportNoteInput!) {
  updateSupportNote(input: $input) { supportNote { id text version } errors { code path } }
}`;

const CASELOAD = `query ($id: ID!) {
  staffMember(id: $id) {
    psychologistCaseload(first: 10) { edges { node { id } } totalCount }
  }
}`;

const EXPORT = `mutation ($input: ExportYouthDataInput!) {
  exportYouthData(input: $input) { export { document } errors { code } }
}`;

const PSYCHOLOGIST_ID = `staff-${ROSKILDE}-psychologist`;
const psychologist = staffIdentity(ROSKILDE, 'PSYCHOLOGIST', PSYCHOLOGIST_ID);
const consultant = staffIdentity(ROSKILDE);
const leader = staffIdentity(ROSKILDE, 'TEAM_LEADER', `staff-${ROSKILDE}-leader`);
const otherPsychologist = staffIdentity(
  KOBENHAVN,
  'PSYCHOLOGIST',
  `staff-${KOBENHAVN}-psychologist`,
);
const otherLeader = staffIdentity(KOBENHAVN, 'TEAM_LEADER', `staff-${KOBENHAVN}-leader`);
/** A second psychologist of Roskilde, who may not read the first one's caseload. */
const colleague = staffIdentity(ROSKILDE, 'PSYCHOLOGIST', 'psychologist-265-b');

describe('people subgraph: the psychologist’s contacts, notes and caseload', () => {
  let table: Table;

  const run = (identity: Identity, query: string, variables: Record<string, unknown>) =>
    execute(server, testContext(table, identity), query, variables);

  async function storedContacts(youthId: string) {
    return table.queryAll({ partition: `YOUTH#${youthId}`, beginsWith: 'PSYCONTACT#' });
  }

  beforeAll(async () => {
    table = await createTable();
  });

  async function createTable() {
    const { createTestTable } = await import('../support/table.ts');
    const created = await createTestTable();
    await givenMunicipalities(created);
    await givenTeam(created, ROSKILDE);
    await givenTeam(created, KOBENHAVN);
    await givenStaff(
      created,
      aStaffMember({ id: 'psychologist-265-b', municipalityCode: ROSKILDE, role: 'PSYCHOLOGIST' }),
    );
    return created;
  }

  describe('recordPsychologistContact', () => {
    it('records a contact that only the psychologist reads back, audited', async () => {
      // Prepare
      const person = await givenYouth(table);
      // Act
      const result = await run(psychologist, RECORD, {
        input: recordPsychologistContactInput(person.id, { referralMade: 'GENERAL_PRACTITIONER' }),
      });
      const readBack = await run(psychologist, CONTACTS, { id: person.id });
      const audit = await table.queryAll({ partition: AUDIT_KEYS.youthPartition(person.id) });
      // Assess
      expect(result.data?.recordPsychologistContact).toMatchObject({
        psychologistContact: {
          on: '2026-11-24',
          kind: 'INDIVIDUAL_SESSION',
          minutes: 60,
          referralMade: 'GENERAL_PRACTITIONER',
          followUp: { on: '2026-12-08', note: 'Opfølgning på søvn' },
          psychologist: { id: PSYCHOLOGIST_ID },
          recordedAt: '2026-11-26T10:00:00.000Z',
        },
        errors: [],
      });
      expect(readBack.data?.youth).toEqual({
        psychologistContacts: {
          edges: [{ node: { on: '2026-11-24', kind: 'INDIVIDUAL_SESSION', minutes: 60 } }],
        },
      });
      expect(audit.filter((item) => item.action === 'CHANGE').map((item) => item.target)).toEqual([
        'Mutation.recordPsychologistContact',
      ]);
    });

    it('logs the minutes in the team’s activity log without the young person, once', async () => {
      // Prepare
      const person = await givenYouth(table);
      const input = recordPsychologistContactInput(person.id, {
        minutes: 45,
        idempotencyKey: `psy-activity-${person.id}`,
      });
      const before = await table.get(sharedKeys.activityCounts(ROSKILDE));
      // Act
      await run(psychologist, RECORD, { input });
      await run(psychologist, RECORD, { input });
      const after = await table.get(sharedKeys.activityCounts(ROSKILDE));
      const logged = await table.queryAll({
        partition: `STAFF#${PSYCHOLOGIST_ID}`,
        beginsWith: 'ACTIVITY#2026-11-24',
      });
      const youthMinutes = await table.get(sharedKeys.youthActivityMinutes(person.id));
      // Assess
      const counter = '2026-11#minutes.PSYCHOLOGIST_SESSION';
      expect(Number(after?.[counter] ?? 0) - Number(before?.[counter] ?? 0)).toBe(45);
      const mine = logged.filter((item) => item.source === 'PSYCHOLOGIST_CONTACT');
      expect(mine.filter((item) => item.minutes === 45)).toHaveLength(1);
      expect(mine.every((item) => item.youthId === undefined && item.gsi1pk === undefined)).toBe(
        true,
      );
      expect(youthMinutes).toBeUndefined();
    });

    it.each([
      ['a network consultant', consultant],
      ['the team leader', leader],
      ['the young person themself', null],
    ])('refuses %s and writes nothing', async (_who, identity) => {
      // Prepare
      const person = await givenYouth(table);
      const caller = identity ?? youthIdentity(ROSKILDE, person.id);
      // Act
      const result = await run(caller, RECORD, {
        input: recordPsychologistContactInput(person.id),
      });
      // Assess
      expect(result.data?.recordPsychologistContact ?? null).toBeNull();
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(await storedContacts(person.id)).toEqual([]);
    });

    it('answers another municipality’s psychologist as if the young person did not exist', async () => {
      // Prepare
      const person = await givenYouth(table);
      // Act
      const result = await run(otherPsychologist, RECORD, {
        input: recordPsychologistContactInput(person.id),
      });
      // Assess
      expect(result.data?.recordPsychologistContact).toMatchObject({
        psychologistContact: null,
        errors: [{ code: 'YOUTH_NOT_FOUND' }],
      });
      expect(await storedContacts(person.id)).toEqual([]);
    });

    it.each([
      ['no minutes', { minutes: 0 }, 'BAD_USER_INPUT'],
      ['more than a working day', { minutes: 481 }, 'BAD_USER_INPUT'],
      ['an unknown kind', { kind: 'CHAT' }, 'BAD_USER_INPUT'],
    ])('refuses %s as bad input and writes nothing', async (_what, overrides, code) => {
      // Prepare
      const person = await givenYouth(table);
      // Act
      const result = await run(psychologist, RECORD, {
        input: recordPsychologistContactInput(person.id, overrides),
      });
      // Assess
      expect(errorCodes(result)).toEqual([code]);
      expect(await storedContacts(person.id)).toEqual([]);
    });

    it.each([
      ['a contact in the future', { on: '2026-11-27', followUp: null }, 'DATE_IN_FUTURE', ['on']],
      [
        'a follow-up before the contact',
        { followUp: { on: '2026-11-23' } },
        'FOLLOW_UP_BEFORE_CONTACT',
        ['followUp', 'on'],
      ],
      ['a contact before enrolment', { on: '2026-01-04' }, 'DATE_OUT_OF_RANGE', ['on']],
    ])('answers %s with a typed error and writes nothing', async (_what, overrides, code, path) => {
      // Prepare
      const person = await givenYouth(table);
      // Act
      const result = await run(psychologist, RECORD, {
        input: recordPsychologistContactInput(person.id, overrides),
      });
      // Assess
      expect(result.data?.recordPsychologistContact).toMatchObject({
        psychologistContact: null,
        errors: [{ code, path }],
      });
      expect(await storedContacts(person.id)).toEqual([]);
    });

    it('records a contact once for a repeated idempotency key', async () => {
      // Prepare
      const person = await givenYouth(table);
      const input = recordPsychologistContactInput(person.id, { idempotencyKey: 'contact-1' });
      const first = await run(psychologist, RECORD, { input });
      // Act
      const again = await run(psychologist, RECORD, { input });
      const reused = await run(psychologist, RECORD, { input: { ...input, minutes: 30 } });
      // Assess
      expect(first.errors).toBeUndefined();
      expect(again.data).toEqual(first.data);
      expect(errorCodes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
      expect(await storedContacts(person.id)).toHaveLength(1);
    });
  });

  describe('Youth.psychologistContacts', () => {
    it.each([
      ['a network consultant', consultant],
      ['the team leader', leader],
      ['the young person themself', null],
      ['another municipality’s psychologist', otherPsychologist],
    ])('is refused to %s', async (_who, identity) => {
      // Prepare
      const person = await givenYouth(table);
      await run(psychologist, RECORD, { input: recordPsychologistContactInput(person.id) });
      const caller = identity ?? youthIdentity(ROSKILDE, person.id);
      // Act
      const result = await run(caller, CONTACTS, { id: person.id });
      // Assess: another municipality's staff see nothing of them at all (`youth: null`)
      expect(result.data?.youth === null || errorCodes(result).includes('FORBIDDEN')).toBe(true);
      expect(JSON.stringify(result.data ?? null)).not.toContain('INDIVIDUAL_SESSION');
    });

    it('pages the contacts, the latest first', async () => {
      // Prepare
      const person = await givenYouth(table);
      for (const on of ['2026-11-02', '2026-11-20', '2026-11-10']) {
        await run(psychologist, RECORD, {
          input: recordPsychologistContactInput(person.id, { on, followUp: null }),
        });
      }
      const PAGE = `query ($id: ID!, $after: String) {
        youth(id: $id) {
          psychologistContacts(first: 2, after: $after) {
            edges { node { on } } pageInfo { hasNextPage endCursor }
          }
        }
      }`;
      // Act
      const first = await run(psychologist, PAGE, { id: person.id });
      const { endCursor } = (
        first.data as { youth: { psychologistContacts: { pageInfo: { endCursor: string } } } }
      ).youth.psychologistContacts.pageInfo;
      const second = await run(psychologist, PAGE, { id: person.id, after: endCursor });
      // Assess
      expect(first.data?.youth).toMatchObject({
        psychologistContacts: {
          edges: [{ node: { on: '2026-11-20' } }, { node: { on: '2026-11-10' } }],
          pageInfo: { hasNextPage: true },
        },
      });
      expect(second.data?.youth).toMatchObject({
        psychologistContacts: {
          edges: [{ node: { on: '2026-11-02' } }],
          pageInfo: { hasNextPage: false },
        },
      });
    });
  });

  describe('updateSupportNote', () => {
    it('changes the text at the version read, and refuses a stale version with CONFLICT', async () => {
      // Prepare
      const person = await givenYouth(table);
      const note = await givenSupportNote(table, person.id, { text: 'Første udkast' });
      // Act
      const changed = await run(psychologist, UPDATE_NOTE, {
        input: { youthId: person.id, noteId: note.id, text: 'Rettet', expectedVersion: 1 },
      });
      const stale = await run(psychologist, UPDATE_NOTE, {
        input: { youthId: person.id, noteId: note.id, text: 'For sent', expectedVersion: 1 },
      });
      const stored = await table.get({
        pk: `YOUTH#${person.id}`,
        sk: `NOTE#2026-02-01#${note.id}`,
      });
      // Assess
      expect(changed.data?.updateSupportNote).toEqual({
        supportNote: { id: note.id, text: 'Rettet', version: 2 },
        errors: [],
      });
      expect(errorCodes(stale)).toEqual(['CONFLICT']);
      expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(2);
      expect(stored).toMatchObject({ text: 'Rettet', version: 2, date: '2026-02-01' });
    });

    it('changes a note stored before notes had a version, as version 1', async () => {
      // Prepare
      const person = await givenYouth(table);
      const note = aSupportNote(person.id, { text: 'Gammel note' });
      const { version: _none, ...unversioned } = SupportNoteEntity.toItem(note);
      await table.put(unversioned as never);
      // Act
      const result = await run(psychologist, UPDATE_NOTE, {
        input: { youthId: person.id, noteId: note.id, text: 'Ny tekst', expectedVersion: 1 },
      });
      // Assess
      expect(result.data?.updateSupportNote).toMatchObject({
        supportNote: { text: 'Ny tekst', version: 2 },
      });
    });

    it('answers an unknown note with SUPPORT_NOTE_NOT_FOUND and empty text as bad input', async () => {
      // Prepare
      const person = await givenYouth(table);
      const note = await givenSupportNote(table, person.id);
      // Act
      const unknown = await run(psychologist, UPDATE_NOTE, {
        input: { youthId: person.id, noteId: 'no-such-note', text: 'X', expectedVersion: 1 },
      });
      const empty = await run(psychologist, UPDATE_NOTE, {
        input: { youthId: person.id, noteId: note.id, text: ' ', expectedVersion: 1 },
      });
      // Assess
      expect(unknown.data?.updateSupportNote).toMatchObject({
        supportNote: null,
        errors: [{ code: 'SUPPORT_NOTE_NOT_FOUND', path: ['noteId'] }],
      });
      expect(errorCodes(empty)).toEqual(['BAD_USER_INPUT']);
    });

    it.each([
      ['a network consultant', consultant],
      ['the team leader', leader],
      ['another municipality’s psychologist', otherPsychologist],
    ])('refuses %s and changes nothing', async (who, identity) => {
      // Prepare
      const person = await givenYouth(table);
      const note = await givenSupportNote(table, person.id, { text: 'Uændret' });
      // Act
      const result = await run(identity, UPDATE_NOTE, {
        input: { youthId: person.id, noteId: note.id, text: 'Ændret', expectedVersion: 1 },
      });
      const stored = await table.get({
        pk: `YOUTH#${person.id}`,
        sk: `NOTE#2026-02-01#${note.id}`,
      });
      // Assess: another municipality's is answered as if the young person did not exist
      if (who.startsWith('another')) {
        expect(result.data?.updateSupportNote).toMatchObject({
          errors: [{ code: 'YOUTH_NOT_FOUND' }],
        });
      } else {
        expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      }
      expect(stored).toMatchObject({ text: 'Uændret', version: 1 });
    });
  });

  describe('StaffMember.psychologistCaseload', () => {
    let caseloadTable: Table;
    let first: string;
    let second: string;

    beforeAll(async () => {
      // A table of its own: the caseload lists every young person the psychologist has seen.
      caseloadTable = await createTable();
      const a = await givenYouth(caseloadTable);
      const b = await givenYouth(caseloadTable);
      first = a.id;
      second = b.id;
      const record = (youthId: string, on: string) =>
        execute(server, testContext(caseloadTable, psychologist), RECORD, {
          input: recordPsychologistContactInput(youthId, { on, followUp: null }),
        });
      await record(first, '2026-11-10');
      await record(second, '2026-11-20');
      await record(first, '2026-11-25');
      // An earlier contact recorded late does not move the young person back.
      await record(first, '2026-11-01');
    });

    const caseloadAs = (identity: Identity) =>
      execute(server, testContext(caseloadTable, identity), CASELOAD, { id: PSYCHOLOGIST_ID });

    it.each([
      ['the psychologist themself', psychologist],
      ['their team leader', leader],
    ])('lists to %s the young people seen, the latest contact first', async (_who, identity) => {
      // Act
      const result = await caseloadAs(identity);
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.staffMember).toEqual({
        psychologistCaseload: {
          edges: [{ node: { id: first } }, { node: { id: second } }],
          totalCount: 2,
        },
      });
    });

    it.each([
      ['a network consultant', consultant],
      ['another psychologist of the team', colleague],
      ['another municipality’s team leader', otherLeader],
      ['another municipality’s psychologist', otherPsychologist],
    ])('is refused to %s', async (who, identity) => {
      // Act
      const result = await caseloadAs(identity);
      // Assess: another municipality's staff see nothing of the psychologist (`staffMember: null`)
      if (who.startsWith('another municipality')) {
        expect(result.data?.staffMember).toBeNull();
      } else {
        expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      }
      expect(JSON.stringify(result.data ?? null)).not.toContain(first);
    });
  });

  describe('art. 15 export and erasure', () => {
    const peopleSectionFor = async (identity: Identity, youthId: string) => {
      const result = await run(identity, EXPORT, { input: { youthId } });
      expect(result.errors).toBeUndefined();
      const body = result.data?.exportYouthData as { export: { document: string } };
      return JSON.parse(body.export.document).sections.people as Record<string, unknown>;
    };

    it('hands the contacts to the data protection officer, a count to the psychologist, nothing to others', async () => {
      // Prepare
      const person = await givenYouth(table);
      await run(psychologist, RECORD, { input: recordPsychologistContactInput(person.id) });
      // Act
      const dpo = await peopleSectionFor(dataProtectionOfficerIdentity(ROSKILDE), person.id);
      const own = await peopleSectionFor(psychologist, person.id);
      const self = await peopleSectionFor(youthIdentity(ROSKILDE, person.id), person.id);
      const team = await peopleSectionFor(consultant, person.id);
      // Assess
      expect(dpo.psychologistContacts).toMatchObject([
        { on: '2026-11-24', minutes: 60, followUp: { note: 'Opfølgning på søvn' } },
      ]);
      expect(own.psychologistContacts).toMatchObject({ count: 1 });
      expect(self).not.toHaveProperty('psychologistContacts');
      expect(team).not.toHaveProperty('psychologistContacts');
    });

    it('erases the contacts and the caseload entry with the young person', async () => {
      // Prepare
      const person = await givenYouth(table);
      await run(psychologist, RECORD, { input: recordPsychologistContactInput(person.id) });
      // Act
      await erasePeopleData(table, person.id, 'stub-psychologist-test');
      const left = await table.queryAll({ partition: `YOUTH#${person.id}` });
      // Assess
      expect(left).toEqual([]);
    });
  });
});
