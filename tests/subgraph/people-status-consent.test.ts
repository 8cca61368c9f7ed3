import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import type { Identity } from '#kernel/identity';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { youthStatsKey } from '#people/repository/youth-stats-entity';
import { server } from '#people/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { companyContactIdentity, staffIdentity, youthIdentity } from '../support/identities.ts';
import {
  addSupportNoteInput,
  changeYouthStatusInput,
  givenLink,
  givenMunicipalities,
  givenTeam,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { scanWholeTable } from '../support/privacy-scan.ts';
import { createTestTable } from '../support/table.ts';

const CHANGE_STATUS = `mutation ($input: ChangeYouthStatusInput!) {
  changeYouthStatus(input: $input) {
    youth { status statusHistory { status date reason } version }
    errors { code path }
  }
}`;

const ASSIGN = `mutation ($input: AssignConsultantInput!) {
  assignConsultant(input: $input) { youth { consultant { id } version } errors { code path } }
}`;

const RECORD_CONSENT = `mutation ($input: RecordResearchConsentInput!) {
  recordResearchConsent(input: $input) {
    youth { researchConsent { given givenAt withdrawnAt } } errors { code path }
  }
}`;

const WITHDRAW_CONSENT = `mutation ($input: WithdrawResearchConsentInput!) {
  withdrawResearchConsent(input: $input) {
    youth { researchConsent { given givenAt withdrawnAt } } errors { code path }
  }
}`;

const ADD_NOTE = `mutation ($input: AddSupportNoteInput!) {
  addSupportNote(input: $input) { supportNote { id date text author { id } } errors { code path } }
}`;

const CASELOAD = `query ($id: ID!) { staffMember(id: $id) { caseload { edges { node { id } } } } }`;

describe('people subgraph: status, consultant, consent and support notes', () => {
  let table: Table;
  const consultant = staffIdentity(ROSKILDE);
  const psychologist = staffIdentity(ROSKILDE, 'PSYCHOLOGIST', `staff-${ROSKILDE}-psychologist`);

  async function stored(youthId: string) {
    return table.get(sharedKeys.youth(youthId));
  }

  async function counts() {
    return table.get(youthStatsKey(ROSKILDE));
  }

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
  });

  describe('changeYouthStatus', () => {
    it('moves a young person along the table, with history and counters in step', async () => {
      // Prepare
      const person = await givenYouth(table);
      const before = await counts();
      // Act
      const result = await execute(server, testContext(table, consultant), CHANGE_STATUS, {
        input: {
          youthId: person.id,
          expectedVersion: person.version,
          status: 'PAUSED',
          date: '2026-11-20',
          reason: 'Sygdom',
        },
      });
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.changeYouthStatus).toEqual({
        youth: {
          status: 'PAUSED',
          statusHistory: [
            { status: 'ENROLLED', date: '2026-01-05', reason: 'Indskrevet i NEXTWORK' },
            { status: 'PAUSED', date: '2026-11-20', reason: 'Sygdom' },
          ],
          version: 2,
        },
        errors: [],
      });
      const after = await counts();
      expect(after?.ENROLLED).toBe(Number(before?.ENROLLED) - 1);
      expect(after?.PAUSED).toBe(Number(before?.PAUSED ?? 0) + 1);
    });

    it.each([
      ['leaving EXITED', ['EXITED'], 'ENROLLED', '2026-11-20', 'STATUS_TRANSITION_NOT_ALLOWED'],
      [
        'a change to the same status',
        [],
        'ENROLLED',
        '2026-11-20',
        'STATUS_TRANSITION_NOT_ALLOWED',
      ],
      ['IN_PLACEMENT by hand', [], 'IN_PLACEMENT', '2026-11-20', 'STATUS_SET_BY_PLACEMENT'],
      ['a date in the future', [], 'PAUSED', '2026-11-27', 'DATE_IN_FUTURE'],
      [
        'a date before the last change',
        ['PAUSED'],
        'ENROLLED',
        '2026-01-06',
        'STATUS_DATE_BEFORE_LAST_CHANGE',
      ],
    ] as const)(
      'returns a user error for %s and writes nothing',
      async (_what, path, status, date, code) => {
        // Prepare
        const person = await givenYouth(table, {}, [...path]);
        const before = { youth: await stored(person.id), counts: await counts() };
        // Act
        const result = await execute(server, testContext(table, consultant), CHANGE_STATUS, {
          input: {
            youthId: person.id,
            expectedVersion: person.version,
            status,
            date,
            reason: 'Test',
          },
        });
        // Assess
        expect(result.errors).toBeUndefined();
        expect(result.data?.changeYouthStatus).toMatchObject({ youth: null, errors: [{ code }] });
        expect({ youth: await stored(person.id), counts: await counts() }).toEqual(before);
      },
    );

    it.each([
      ['an unknown status', { status: 'RETIRED' }],
      ['an empty reason', { reason: ' ' }],
      ['a reason of 301 characters', { reason: 'x'.repeat(301) }],
      ['a date that does not exist', { date: '2026-02-29' }],
    ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_what, change) => {
      // Prepare
      const person = await givenYouth(table);
      const before = await stored(person.id);
      // Act
      const result = await execute(server, testContext(table, consultant), CHANGE_STATUS, {
        input: {
          youthId: person.id,
          expectedVersion: person.version,
          status: 'PAUSED',
          date: '2026-11-20',
          reason: 'Ok',
          ...change,
        },
      });
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(await stored(person.id)).toEqual(before);
    });

    it.each([
      // Another team hears the payload's YOUTH_NOT_FOUND an unknown id gets (#18, class 7);
      // roles that may never change a status are refused whatever the id.
      ["another municipality's team", () => staffIdentity(KOBENHAVN), []],
      [
        'the young person themself',
        (youthId: string) => youthIdentity(ROSKILDE, youthId),
        ['FORBIDDEN'],
      ],
      ['a linked company contact', () => companyContactIdentity('c-linked'), ['FORBIDDEN']],
    ] as Array<[string, (youthId: string) => Identity, string[]]>)(
      'refuses %s and writes nothing',
      async (_who, identityFor, codes) => {
        // Prepare
        const person = await givenYouth(table);
        await givenLink(table, person.id, 'c-linked');
        const before = await stored(person.id);
        // Act
        const result = await execute(
          server,
          testContext(table, identityFor(person.id)),
          CHANGE_STATUS,
          {
            input: {
              youthId: person.id,
              expectedVersion: person.version,
              status: 'PAUSED',
              date: '2026-11-20',
              reason: 'Test',
            },
          },
        );
        // Assess
        expect(errorCodes(result)).toEqual(codes);
        expect(await stored(person.id)).toEqual(before);
      },
    );
  });

  describe('assignConsultant', () => {
    it("moves the young person to the new consultant's caseload", async () => {
      // Prepare
      const person = await givenYouth(table, { consultantId: `staff-${ROSKILDE}-1` });
      // Act
      const result = await execute(server, testContext(table, consultant), ASSIGN, {
        input: {
          youthId: person.id,
          expectedVersion: person.version,
          consultantId: `staff-${ROSKILDE}-2`,
        },
      });
      // Assess
      expect(result.data?.assignConsultant).toEqual({
        youth: { consultant: { id: `staff-${ROSKILDE}-2` }, version: 2 },
        errors: [],
      });
      const ids = async (staffId: string) =>
        JSON.stringify(
          (await execute(server, testContext(table, consultant), CASELOAD, { id: staffId })).data,
        );
      expect(await ids(`staff-${ROSKILDE}-2`)).toContain(person.id);
      expect(await ids(`staff-${ROSKILDE}-1`)).not.toContain(person.id);
    });

    it.each([
      ['a psychologist', `staff-${ROSKILDE}-psychologist`, 'NOT_A_NETWORK_CONSULTANT'],
      [
        "another municipality's consultant, as an unknown one",
        `staff-${KOBENHAVN}-1`,
        'CONSULTANT_NOT_FOUND',
      ],
      ['an unknown staff member', 'staff-nobody', 'CONSULTANT_NOT_FOUND'],
      ['the consultant already assigned', `staff-${ROSKILDE}-1`, 'CONSULTANT_ALREADY_ASSIGNED'],
    ])('returns a user error for %s and writes nothing', async (_what, consultantId, code) => {
      // Prepare
      const person = await givenYouth(table, { consultantId: `staff-${ROSKILDE}-1` });
      const before = await stored(person.id);
      // Act
      const result = await execute(server, testContext(table, consultant), ASSIGN, {
        input: { youthId: person.id, expectedVersion: person.version, consultantId },
      });
      // Assess
      expect(result.data?.assignConsultant).toEqual({
        youth: null,
        errors: [{ code, path: ['consultantId'] }],
      });
      expect(await stored(person.id)).toEqual(before);
    });

    it('refuses the young person themself and another municipality', async () => {
      // Prepare
      const person = await givenYouth(table);
      const input = {
        youthId: person.id,
        expectedVersion: person.version,
        consultantId: `staff-${ROSKILDE}-2`,
      };
      // Act
      const self = await execute(
        server,
        testContext(table, youthIdentity(ROSKILDE, person.id)),
        ASSIGN,
        { input },
      );
      const other = await execute(server, testContext(table, staffIdentity(KOBENHAVN)), ASSIGN, {
        input,
      });
      // Assess
      expect(errorCodes(self)).toEqual(['FORBIDDEN']);
      expect(errorCodes(other)).toEqual([]); // the payload's YOUTH_NOT_FOUND, as for an unknown id
      expect((await stored(person.id))?.consultantId).toBeNull();
    });
  });

  describe('research consent', () => {
    it('lets a young person give and withdraw their own consent', async () => {
      // Prepare
      const person = await givenYouth(table);
      const self = testContext(table, youthIdentity(ROSKILDE, person.id));
      // Act
      const given = await execute(server, self, RECORD_CONSENT, {
        input: { youthId: person.id, expectedVersion: person.version, date: '2026-02-01' },
      });
      const withdrawn = await execute(server, self, WITHDRAW_CONSENT, {
        input: { youthId: person.id, expectedVersion: person.version + 1 },
      });
      // Assess
      expect(given.data?.recordResearchConsent).toEqual({
        youth: { researchConsent: { given: true, givenAt: '2026-02-01', withdrawnAt: null } },
        errors: [],
      });
      expect(withdrawn.data?.withdrawResearchConsent).toEqual({
        youth: {
          researchConsent: { given: false, givenAt: '2026-02-01', withdrawnAt: '2026-11-26' },
        },
        errors: [],
      });
    });

    it('lets the team record consent on the young person’s behalf', async () => {
      // Prepare
      const person = await givenYouth(table);
      // Act
      const result = await execute(server, testContext(table, consultant), RECORD_CONSENT, {
        input: { youthId: person.id, expectedVersion: person.version },
      });
      // Assess
      expect(result.data?.recordResearchConsent).toMatchObject({
        youth: { researchConsent: { given: true, givenAt: '2026-11-26' } },
      });
    });

    it.each([
      ['giving consent twice', true, RECORD_CONSENT, {}, 'CONSENT_ALREADY_GIVEN'],
      ['withdrawing consent never given', false, WITHDRAW_CONSENT, {}, 'CONSENT_NOT_GIVEN'],
      [
        'a consent date in the future',
        false,
        RECORD_CONSENT,
        { date: '2026-12-24' },
        'DATE_IN_FUTURE',
      ],
      [
        'withdrawing before it was given',
        true,
        WITHDRAW_CONSENT,
        { date: '2026-01-20' },
        'CONSENT_DATE_BEFORE_LAST_CHANGE',
      ],
    ])(
      'returns a user error for %s and writes nothing',
      async (_what, consented, mutation, change, code) => {
        // Prepare
        const person = await givenYouth(table, {
          researchConsent: consented
            ? { given: true, givenAt: '2026-02-01', withdrawnAt: null }
            : { given: false, givenAt: null, withdrawnAt: null },
        });
        const before = await stored(person.id);
        // Act
        const result = await execute(server, testContext(table, consultant), mutation, {
          input: { youthId: person.id, expectedVersion: person.version, ...change },
        });
        // Assess
        expect(result.errors).toBeUndefined();
        expect(JSON.stringify(result.data)).toContain(`"code":"${code}"`);
        expect(await stored(person.id)).toEqual(before);
      },
    );

    it('refuses another young person and a linked company', async () => {
      // Prepare
      const person = await givenYouth(table);
      await givenLink(table, person.id, 'c-linked');
      // Act
      const other = await execute(
        server,
        testContext(table, youthIdentity(ROSKILDE, 'y-other')),
        RECORD_CONSENT,
        { input: { youthId: person.id, expectedVersion: person.version } },
      );
      const company = await execute(
        server,
        testContext(table, companyContactIdentity('c-linked')),
        RECORD_CONSENT,
        { input: { youthId: person.id, expectedVersion: person.version } },
      );
      // Assess
      expect(errorCodes(other)).toEqual(['FORBIDDEN']);
      expect(errorCodes(company)).toEqual(['FORBIDDEN']);
      expect((await stored(person.id))?.researchConsent).toMatchObject({ given: false });
    });
  });

  describe('addSupportNote', () => {
    it('lets the psychologist add a note that only they read back', async () => {
      // Prepare
      const person = await givenYouth(table);
      // Act
      const result = await execute(server, testContext(table, psychologist), ADD_NOTE, {
        input: { youthId: person.id, text: 'Første samtale', date: '2026-11-25' },
      });
      const readBack = await execute(
        server,
        testContext(table, psychologist),
        'query ($id: ID!) { youth(id: $id) { supportNotes { text } } }',
        { id: person.id },
      );
      // Assess
      expect(result.data?.addSupportNote).toMatchObject({
        supportNote: {
          date: '2026-11-25',
          text: 'Første samtale',
          author: { id: `staff-${ROSKILDE}-psychologist` },
        },
        errors: [],
      });
      expect(readBack.data?.youth).toEqual({ supportNotes: [{ text: 'Første samtale' }] });
    });

    it('refuses the rest of the team, malformed notes and dates in the future', async () => {
      // Prepare
      const person = await givenYouth(table);
      // Act
      const byConsultant = await execute(server, testContext(table, consultant), ADD_NOTE, {
        input: { youthId: person.id, text: 'Note' },
      });
      const empty = await execute(server, testContext(table, psychologist), ADD_NOTE, {
        input: { youthId: person.id, text: '' },
      });
      const future = await execute(server, testContext(table, psychologist), ADD_NOTE, {
        input: { youthId: person.id, text: 'Note', date: '2027-01-01' },
      });
      const notes = await table.queryAll({ partition: `YOUTH#${person.id}`, beginsWith: 'NOTE#' });
      // Assess
      expect(errorCodes(byConsultant)).toEqual(['FORBIDDEN']);
      expect(errorCodes(empty)).toEqual(['BAD_USER_INPUT']);
      expect(future.data?.addSupportNote).toMatchObject({ errors: [{ code: 'DATE_IN_FUTURE' }] });
      expect(notes).toEqual([]);
    });
  });

  describe('exactly once, at a version, and audited', () => {
    const CONSENTED = { given: true, givenAt: '2026-02-01', withdrawnAt: null };

    /** A young person's `CHANGE` records, by target. */
    async function changesOf(youthId: string): Promise<string[]> {
      const items = await table.queryAll({ partition: AUDIT_KEYS.youthPartition(youthId) });
      return items.filter((item) => item.action === 'CHANGE').map((item) => String(item.target));
    }

    async function itemCount(): Promise<number> {
      return (await scanWholeTable(table)).length;
    }

    it.each([
      [
        'changeYouthStatus',
        CHANGE_STATUS,
        { status: 'ENROLLED', date: '2026-11-20', reason: 'Test' },
      ],
      ['assignConsultant', ASSIGN, { consultantId: `staff-${ROSKILDE}-2` }],
      ['recordResearchConsent', RECORD_CONSENT, {}],
      ['withdrawResearchConsent', WITHDRAW_CONSENT, {}],
    ] as const)(
      'refuses %s on a stale version with CONFLICT naming the current one, writing nothing',
      async (_mutation, document, change) => {
        // Prepare: version 2 after the pause
        const person = await givenYouth(table, { researchConsent: CONSENTED }, ['PAUSED']);
        const before = { youth: await stored(person.id), counts: await counts() };
        // Act
        const result = await execute(server, testContext(table, consultant), document, {
          input: { youthId: person.id, expectedVersion: 1, ...change },
        });
        // Assess
        expect(errorCodes(result)).toEqual(['CONFLICT']);
        expect(result.errors?.[0]?.extensions?.currentVersion).toBe(2);
        expect({ youth: await stored(person.id), counts: await counts() }).toEqual(before);
      },
    );

    it('answers the team about an unknown young person with YOUTH_NOT_FOUND', async () => {
      // Act
      const result = await execute(server, testContext(table, consultant), CHANGE_STATUS, {
        input: changeYouthStatusInput({ id: 'y-nobody', version: 1 }),
      });
      // Assess
      expect(result.data?.changeYouthStatus).toEqual({
        youth: null,
        errors: [{ code: 'YOUTH_NOT_FOUND', path: ['youthId'] }],
      });
    });

    it('refuses a role that never changes a status before it learns whether the id exists', async () => {
      // Act
      const result = await execute(
        server,
        testContext(table, companyContactIdentity('c-linked')),
        CHANGE_STATUS,
        { input: changeYouthStatusInput({ id: 'y-nobody', version: 1 }) },
      );
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it('records the CHANGE of each change, in the change’s own transaction', async () => {
      // Prepare
      const person = await givenYouth(table, { consultantId: `staff-${ROSKILDE}-1` });
      const team = testContext(table, consultant);
      // Act
      await execute(server, team, CHANGE_STATUS, {
        input: {
          youthId: person.id,
          expectedVersion: 1,
          status: 'PAUSED',
          date: '2026-11-20',
          reason: 'Sygdom',
        },
      });
      await execute(server, team, ASSIGN, {
        input: { youthId: person.id, expectedVersion: 2, consultantId: `staff-${ROSKILDE}-2` },
      });
      await execute(server, team, RECORD_CONSENT, {
        input: { youthId: person.id, expectedVersion: 3 },
      });
      await execute(server, team, WITHDRAW_CONSENT, {
        input: { youthId: person.id, expectedVersion: 4 },
      });
      await execute(server, testContext(table, psychologist), ADD_NOTE, {
        input: addSupportNoteInput(person.id),
      });
      // Assess
      expect((await changesOf(person.id)).sort()).toEqual([
        'Mutation.addSupportNote',
        'Mutation.assignConsultant',
        'Mutation.changeYouthStatus',
        'Mutation.recordResearchConsent',
        'Mutation.withdrawResearchConsent',
      ]);
      expect((await stored(person.id))?.version).toBe(5);
    });

    it('answers a repeated support note with the same note and writes nothing', async () => {
      // Prepare
      const person = await givenYouth(table);
      const input = addSupportNoteInput(person.id, { idempotencyKey: 'note-once-1' });
      const first = await execute(server, testContext(table, psychologist), ADD_NOTE, { input });
      const before = await itemCount();
      // Act
      const again = await execute(server, testContext(table, psychologist), ADD_NOTE, { input });
      const reused = await execute(server, testContext(table, psychologist), ADD_NOTE, {
        input: { ...input, text: 'En anden note' },
      });
      // Assess
      expect(first.errors).toBeUndefined();
      expect(again.data).toEqual(first.data);
      expect(errorCodes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
      expect(await itemCount()).toBe(before);
    });

    it('answers a repeated status change with the young person and changes nothing more', async () => {
      // Prepare
      const person = await givenYouth(table);
      const input = changeYouthStatusInput(person, { idempotencyKey: 'status-once-1' });
      // Only the id and version: a repeat then reads no personal data (no READ record).
      const document = `mutation ($input: ChangeYouthStatusInput!) {
        changeYouthStatus(input: $input) { youth { id version } errors { code } }
      }`;
      const first = await execute(server, testContext(table, consultant), document, { input });
      const before = { items: await itemCount(), counts: await counts() };
      // Act
      const again = await execute(server, testContext(table, consultant), document, { input });
      // Assess
      expect(first.errors).toBeUndefined();
      expect(again.data).toEqual(first.data);
      expect({ items: await itemCount(), counts: await counts() }).toEqual(before);
    });
  });
});
