import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import type { Identity } from '#kernel/identity';
import { newId } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { youthStatsKey } from '#people/repository/youth-stats-entity';
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
  enrolYouthInput,
  givenLink,
  givenMunicipalities,
  givenTeam,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { scanWholeTable } from '../support/privacy-scan.ts';
import { createTestTable } from '../support/table.ts';

const ENROL = `mutation ($input: EnrolYouthInput!) {
  enrolYouth(input: $input) {
    youth {
      id name status enrolledAt age consultant { id } contact { phone email }
      statusHistory { status date reason } interests workWishes barriers version
    }
    errors { code path }
  }
}`;

const UPDATE = `mutation ($input: UpdateYouthProfileInput!) {
  updateYouthProfile(input: $input) {
    youth { id name contact { phone email } interests workWishes benefitCategory barriers version }
    errors { code path }
  }
}`;

describe('people subgraph: enrolment and profile changes', () => {
  let table: Table;
  const consultant = staffIdentity(ROSKILDE);

  async function enrolledCount(): Promise<number> {
    return Number((await table.get(youthStatsKey(ROSKILDE)))?.ENROLLED ?? 0);
  }

  async function stored(youthId: string) {
    return table.get(sharedKeys.youth(youthId));
  }

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
  });

  describe('enrolYouth', () => {
    it('enrols a young person, with history, counters and normalised input', async () => {
      // Prepare
      const before = await enrolledCount();
      // Act
      const result = await execute(server, testContext(table, consultant), ENROL, {
        input: enrolYouthInput(),
      });
      // Assess
      expect(result.errors).toBeUndefined();
      const payload = (result.data as { enrolYouth: { youth: { id: string }; errors: [] } })
        .enrolYouth;
      expect(payload.errors).toEqual([]);
      expect(payload.youth).toMatchObject({
        name: 'Mads Nielsen',
        status: 'ENROLLED',
        enrolledAt: '2026-11-20',
        age: 23,
        consultant: { id: `staff-${ROSKILDE}-1` },
        contact: { phone: '+4522334455', email: 'mads@example.dk' },
        statusHistory: [
          { status: 'ENROLLED', date: '2026-11-20', reason: 'Indskrevet i NEXTWORK' },
        ],
        interests: ['Fodbold', 'Biler'],
        workWishes: ['Mekaniker'],
        barriers: [],
        version: 1,
      });
      expect(await enrolledCount()).toBe(before + 1);
      expect(await stored(payload.youth.id)).toMatchObject({ municipalityCode: ROSKILDE });
    });

    it('enrols on today when no enrolment date is given', async () => {
      // Act
      const result = await execute(server, testContext(table, consultant), ENROL, {
        input: enrolYouthInput({ enrolledAt: null, consultantId: null }),
      });
      // Assess
      expect(result.data?.enrolYouth).toMatchObject({
        youth: { enrolledAt: '2026-11-26', consultant: null },
        errors: [],
      });
    });

    it.each([
      ['a phone number that is not Danish', { phone: '12345' }, 'phone'],
      ['an e-mail address that is not one', { email: 'mads-at-example' }, 'email'],
      ['an age under 15', { dateOfBirth: '2013-01-01' }, 'dateOfBirth'],
      ['an age over 35', { dateOfBirth: '1980-01-01' }, 'dateOfBirth'],
      ['an empty name', { name: '   ' }, 'name'],
      ['a name of 101 characters', { name: 'x'.repeat(101) }, 'name'],
      [
        '11 work wishes',
        { workWishes: Array.from({ length: 11 }, (_, i) => `Fag ${i}`) },
        'workWishes',
      ],
      ['a malformed municipality code', { municipalityCode: '26' }, 'municipalityCode'],
    ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_what, change, path) => {
      // Prepare
      const before = await enrolledCount();
      // Act
      const result = await execute(server, testContext(table, consultant), ENROL, {
        input: enrolYouthInput(change),
      });
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(JSON.stringify(result.errors?.[0]?.extensions?.issues)).toContain(path);
      expect(await enrolledCount()).toBe(before);
    });

    it.each([
      ['an unknown benefit category', { benefitCategory: 'SICK' }],
      ['a date that does not exist', { dateOfBirth: '2003-02-30' }],
    ])('refuses %s before any resolver runs', async (_what, change) => {
      // Prepare
      const before = await enrolledCount();
      // Act
      const result = await execute(server, testContext(table, consultant), ENROL, {
        input: enrolYouthInput(change),
      });
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(await enrolledCount()).toBe(before);
    });

    it.each([
      [
        'a consultant of another municipality, as an unknown one',
        { consultantId: `staff-${KOBENHAVN}-1` },
        'CONSULTANT_NOT_FOUND',
      ],
      [
        'a psychologist as consultant',
        { consultantId: `staff-${ROSKILDE}-psychologist` },
        'NOT_A_NETWORK_CONSULTANT',
      ],
      ['an unknown consultant', { consultantId: 'staff-nobody' }, 'CONSULTANT_NOT_FOUND'],
      ['an enrolment date in the future', { enrolledAt: '2026-12-01' }, 'DATE_IN_FUTURE'],
    ])('returns a user error for %s and writes nothing', async (_what, change, code) => {
      // Prepare
      const before = await enrolledCount();
      // Act
      const result = await execute(server, testContext(table, consultant), ENROL, {
        input: enrolYouthInput(change),
      });
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.enrolYouth).toMatchObject({ youth: null, errors: [{ code }] });
      expect(await enrolledCount()).toBe(before);
    });

    it.each([
      ["another municipality's team", staffIdentity(KOBENHAVN)],
      ['a young person', youthIdentity(ROSKILDE, 'y-someone')],
      ['a company contact', companyContactIdentity('c-1')],
      ['the programme office', programmeIdentity()],
    ] as Array<[string, Identity]>)('refuses %s', async (_who, identity) => {
      // Prepare
      const before = await enrolledCount();
      // Act
      const result = await execute(server, testContext(table, identity), ENROL, {
        input: enrolYouthInput(),
      });
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(await enrolledCount()).toBe(before);
    });
  });

  describe('updateYouthProfile', () => {
    it("changes the team's fields and raises the version", async () => {
      // Prepare
      const person = await givenYouth(table);
      // Act
      const result = await execute(server, testContext(table, consultant), UPDATE, {
        input: {
          youthId: person.id,
          expectedVersion: 1,
          benefitCategory: 'EDUCATION_READY',
          barriers: ['Gæld'],
          name: 'Ida Marie Jensen',
        },
      });
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.updateYouthProfile).toMatchObject({
        youth: {
          name: 'Ida Marie Jensen',
          benefitCategory: 'EDUCATION_READY',
          barriers: ['Gæld'],
          interests: ['Musik'],
          version: 2,
        },
        errors: [],
      });
    });

    it('lets a young person change their own contact details and wishes', async () => {
      // Prepare
      const person = await givenYouth(table);
      // Act
      const result = await execute(
        server,
        testContext(table, youthIdentity(ROSKILDE, person.id)),
        UPDATE,
        {
          input: {
            youthId: person.id,
            expectedVersion: person.version,
            phone: '+45 87 65 43 21',
            interests: ['Gaming'],
            workWishes: ['Frisør'],
          },
        },
      );
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.updateYouthProfile).toMatchObject({
        youth: { contact: { phone: '+4587654321' }, interests: ['Gaming'], workWishes: ['Frisør'] },
      });
    });

    it('refuses a young person changing their own barriers, and writes nothing', async () => {
      // Prepare
      const person = await givenYouth(table);
      const before = await stored(person.id);
      // Act
      const result = await execute(
        server,
        testContext(table, youthIdentity(ROSKILDE, person.id)),
        UPDATE,
        {
          input: {
            youthId: person.id,
            expectedVersion: person.version,
            barriers: [],
            interests: ['Dyr'],
          },
        },
      );
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(await stored(person.id)).toEqual(before);
    });

    it("answers another municipality's team as for an unknown young person, and writes nothing", async () => {
      // Prepare
      const person = await givenYouth(table);
      const before = await stored(person.id);
      const nobody = newId();
      const asForeign = testContext(table, staffIdentity(KOBENHAVN));
      const input = (youthId: string) => ({
        input: { youthId, expectedVersion: person.version, interests: ['Dyr'] },
      });
      // Act
      const result = await execute(server, asForeign, UPDATE, input(person.id));
      const unknown = await execute(server, asForeign, UPDATE, input(nobody));
      // Assess: the team may change its own municipality's young people, so the rule lets it
      // through for an id of nothing; to another municipality's young person it is a stranger
      // and hears what an unknown id gets, the payload's YOUTH_NOT_FOUND (#18, class 7).
      expect(errorCodes(result)).toEqual([]);
      expect(result.data?.updateYouthProfile).toEqual({
        youth: null,
        errors: [{ code: 'YOUTH_NOT_FOUND', path: ['youthId'] }],
      });
      expect(JSON.stringify(result).replaceAll(person.id, 'ID')).toBe(
        JSON.stringify(unknown).replaceAll(nobody, 'ID'),
      );
      expect(await stored(person.id)).toEqual(before);
    });

    it.each([
      // Refused whatever the id: a young person changes only their own profile, a company and
      // the programme office none.
      ['another young person', youthIdentity(ROSKILDE, 'y-someone-else')],
      ['a linked company contact', companyContactIdentity('c-linked')],
      ['the programme office', programmeIdentity()],
    ] as Array<[string, Identity]>)('refuses %s, and writes nothing', async (_who, identity) => {
      // Prepare
      const person = await givenYouth(table);
      await givenLink(table, person.id, 'c-linked');
      const before = await stored(person.id);
      // Act
      const result = await execute(server, testContext(table, identity), UPDATE, {
        input: { youthId: person.id, expectedVersion: person.version, interests: ['Dyr'] },
      });
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(await stored(person.id)).toEqual(before);
    });

    it.each([
      ['nothing to change', {}],
      ['a phone number that is not Danish', { phone: '+46 70 123 45 67' }],
      ['an age out of range', { dateOfBirth: '2020-01-01' }],
      ['an interest of 61 characters', { interests: ['x'.repeat(61)] }],
    ])('refuses %s with BAD_USER_INPUT, and writes nothing', async (_what, change) => {
      // Prepare
      const person = await givenYouth(table);
      const before = await stored(person.id);
      // Act
      const result = await execute(server, testContext(table, consultant), UPDATE, {
        input: { youthId: person.id, expectedVersion: person.version, ...change },
      });
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(await stored(person.id)).toEqual(before);
    });

    it('refuses a change based on an old version with CONFLICT', async () => {
      // Prepare
      const person = await givenYouth(table, {}, ['PAUSED']);
      const before = await stored(person.id);
      // Act
      const result = await execute(server, testContext(table, consultant), UPDATE, {
        input: { youthId: person.id, expectedVersion: 1, interests: ['Dyr'] },
      });
      // Assess
      expect(errorCodes(result)).toEqual(['CONFLICT']);
      expect(result.errors?.[0]?.extensions?.currentVersion).toBe(2);
      expect(await stored(person.id)).toEqual(before);
    });

    it('lets exactly one of two concurrent changes win; the other gets CONFLICT', async () => {
      // Prepare
      const person = await givenYouth(table);
      const change = (interests: string[]) =>
        execute(server, testContext(table, consultant), UPDATE, {
          input: { youthId: person.id, expectedVersion: 1, interests },
        });
      // Act
      const results = await Promise.all([change(['Dyr']), change(['Natur'])]);
      // Assess
      const codes = results.map((result) => errorCodes(result)[0] ?? 'OK').sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      const winner = results.find((result) => !result.errors);
      const after = await stored(person.id);
      expect(after?.version).toBe(2);
      expect(winner?.data?.updateYouthProfile).toMatchObject({
        youth: { interests: after?.interests },
      });
    });

    it('returns a user error for a young person who has left the programme', async () => {
      // Prepare
      const person = await givenYouth(table, {}, ['EXITED']);
      const before = await stored(person.id);
      // Act
      const result = await execute(server, testContext(table, consultant), UPDATE, {
        input: { youthId: person.id, expectedVersion: person.version, interests: ['Dyr'] },
      });
      // Assess
      expect(result.data?.updateYouthProfile).toEqual({
        youth: null,
        errors: [{ code: 'YOUTH_EXITED', path: ['youthId'] }],
      });
      expect(await stored(person.id)).toEqual(before);
    });

    it('returns a user error for an unknown young person', async () => {
      // Act
      const result = await execute(server, testContext(table, consultant), UPDATE, {
        input: { youthId: 'y-nobody', expectedVersion: 1, interests: ['Dyr'] },
      });
      // Assess
      expect(result.data?.updateYouthProfile).toEqual({
        youth: null,
        errors: [{ code: 'YOUTH_NOT_FOUND', path: ['youthId'] }],
      });
    });
  });

  describe('exactly once, and audited', () => {
    /** A young person's `CHANGE` records, by target. */
    async function changesOf(youthId: string): Promise<string[]> {
      const items = await table.queryAll({ partition: AUDIT_KEYS.youthPartition(youthId) });
      return items.filter((item) => item.action === 'CHANGE').map((item) => String(item.target));
    }

    async function itemCount(): Promise<number> {
      return (await scanWholeTable(table)).length;
    }

    /** Only the young person's id and version: a repeat then reads no personal data. */
    const ENROL_IDS = `mutation ($input: EnrolYouthInput!) {
      enrolYouth(input: $input) { youth { id version } errors { code } }
    }`;
    const UPDATE_IDS = `mutation ($input: UpdateYouthProfileInput!) {
      updateYouthProfile(input: $input) { youth { id version } errors { code } }
    }`;

    it('answers a repeated enrolment with the same young person and writes nothing', async () => {
      // Prepare
      const input = enrolYouthInput({ idempotencyKey: 'enrol-once-1' });
      const first = await execute(server, testContext(table, consultant), ENROL_IDS, { input });
      const before = { items: await itemCount(), enrolled: await enrolledCount() };
      // Act
      const again = await execute(server, testContext(table, consultant), ENROL_IDS, { input });
      // Assess
      expect(first.errors).toBeUndefined();
      expect(again.data).toEqual(first.data);
      expect({ items: await itemCount(), enrolled: await enrolledCount() }).toEqual(before);
    });

    it('refuses the same key for another enrolment with IDEMPOTENCY_KEY_REUSED', async () => {
      // Prepare
      await execute(server, testContext(table, consultant), ENROL_IDS, {
        input: enrolYouthInput({ idempotencyKey: 'enrol-once-2' }),
      });
      const before = await itemCount();
      // Act
      const reused = await execute(server, testContext(table, consultant), ENROL_IDS, {
        input: enrolYouthInput({ idempotencyKey: 'enrol-once-2', name: 'Ea Andersen' }),
      });
      // Assess
      expect(errorCodes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
      expect(await itemCount()).toBe(before);
    });

    it('records the CHANGE of an enrolment and of a profile update with the young person', async () => {
      // Act
      const enrolled = await execute<{ enrolYouth: { youth: { id: string } } }>(
        server,
        testContext(table, consultant),
        ENROL_IDS,
        { input: enrolYouthInput() },
      );
      const youthId = enrolled.data?.enrolYouth.youth.id ?? '';
      await execute(server, testContext(table, consultant), UPDATE_IDS, {
        input: { youthId, expectedVersion: 1, interests: ['Dyr'] },
      });
      // Assess
      expect((await changesOf(youthId)).sort()).toEqual([
        'Mutation.enrolYouth',
        'Mutation.updateYouthProfile',
      ]);
    });

    it('answers a repeated profile update with the young person and writes nothing', async () => {
      // Prepare
      const person = await givenYouth(table);
      const input = {
        youthId: person.id,
        expectedVersion: 1,
        interests: ['Dyr'],
        idempotencyKey: 'update-once-1',
      };
      const first = await execute(server, testContext(table, consultant), UPDATE_IDS, { input });
      const before = await itemCount();
      // Act
      const again = await execute(server, testContext(table, consultant), UPDATE_IDS, { input });
      const reused = await execute(server, testContext(table, consultant), UPDATE_IDS, {
        input: { ...input, interests: ['Natur'] },
      });
      // Assess
      expect(first.data).toEqual({
        updateYouthProfile: { youth: { id: person.id, version: 2 }, errors: [] },
      });
      expect(again.data).toEqual(first.data);
      expect(errorCodes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
      expect(await itemCount()).toBe(before);
      expect((await stored(person.id))?.interests).toEqual(['Dyr']);
    });

    it('keeps the encrypted CPR number and the status timeline through a later update', async () => {
      // Prepare
      const person = await givenYouth(table);
      await execute(server, testContext(table, consultant), UPDATE_IDS, {
        input: { youthId: person.id, expectedVersion: 1, cpr: '140304-4123' },
      });
      const withCpr = await stored(person.id);
      // Act
      await execute(server, testContext(table, consultant), UPDATE_IDS, {
        input: { youthId: person.id, expectedVersion: 2, phone: '+4587654321' },
      });
      // Assess
      const after = await stored(person.id);
      expect(after?.cprCiphertext).toBe(withCpr?.cprCiphertext);
      expect(after?.statusTimeline).toEqual([{ status: 'ENROLLED', date: '2026-01-05' }]);
      expect(after).toMatchObject({ phone: '+4587654321', cprMasked: '140304-****', version: 3 });
    });
  });
});
