import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import type { Identity } from '#kernel/identity';
import { newId } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
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
  givenTeam,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { aPlacement, givenPlacements } from '../support/placements-factories.ts';
import { itemsHolding, scanWholeTable } from '../support/privacy-scan.ts';
import { createTestTable } from '../support/table.ts';

const ENROL = `mutation ($input: EnrolYouthInput!) {
  enrolYouth(input: $input) { youth { id cprMasked } errors { code path } }
}`;
const UPDATE = `mutation ($input: UpdateYouthProfileInput!) {
  updateYouthProfile(input: $input) { youth { id cprMasked } errors { code path } }
}`;
const CPR_OF = `query ($id: ID!) { youth(id: $id) { id cprMasked } }`;
const EXPORT = `mutation ($input: ExportYouthDataInput!) {
  exportYouthData(input: $input) { export { youthId generatedAt document } errors { code } }
}`;
const ERASE = `mutation ($input: EraseYouthInput!) {
  eraseYouth(input: $input) {
    erasure { youthId alreadyErased itemsDeleted itemsAnonymised } errors { code message }
  }
}`;

const CPR = '140304-4123';

describe('people subgraph: CPR numbers, subject access and erasure', () => {
  let table: Table;
  const consultant = staffIdentity(ROSKILDE);
  const dpo = dataProtectionOfficerIdentity(ROSKILDE);

  function run(identity: Identity, query: string, variables: Record<string, unknown>) {
    return execute(server, testContext(table, identity), query, variables);
  }

  async function auditActions(youthId: string): Promise<string[]> {
    const items = await table.queryAll({ partition: AUDIT_KEYS.youthPartition(youthId) });
    return items.map((item) => String(item.action));
  }

  /** The refusals of a field about a young person answered as an id of nothing (#18, class 7). */
  async function strangerRefusals(youthId: string, target: string) {
    const items = await table.queryAll({ partition: AUDIT_KEYS.youthPartition(youthId) });
    return items.filter(
      (item) =>
        item.action === 'REFUSED' &&
        item.target === target &&
        String(item.reason).endsWith('(answered as an id of nothing)'),
    );
  }

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
  });

  describe('CPR number', () => {
    it('is stored encrypted at enrolment and shown to the team only masked', async () => {
      // Act
      const result = await run(consultant, ENROL, {
        input: {
          municipalityCode: ROSKILDE,
          name: 'Carl Cpr',
          dateOfBirth: '2004-03-14',
          phone: '+4522334466',
          benefitCategory: 'EDUCATION_READY',
          cpr: CPR,
        },
      });
      // Assess
      expect(result.errors).toBeUndefined();
      const { youth } = (result.data?.enrolYouth ?? { youth: null }) as {
        youth: { id: string; cprMasked: string };
      };
      expect(youth.cprMasked).toBe('140304-****');
      const stored = await table.get(sharedKeys.youth(youth.id));
      expect(JSON.stringify(stored)).not.toContain('4123');
      expect(String(stored?.cprCiphertext)).toMatch(/^v1\.aesgcm\./);
    });

    it('is refused to the young person, a company, the programme and another municipality', async () => {
      // Prepare
      const person = await givenYouth(table);
      await run(consultant, UPDATE, {
        input: { youthId: person.id, expectedVersion: person.version, cpr: CPR },
      });
      // A company tied to the young person by a placement, through a current contact of it.
      await givenSharedCompany(table, 'c-cpr', ROSKILDE);
      await givenLink(table, person.id, 'c-cpr');
      const nobody = newId();
      const mayReadThem: Identity[] = [
        youthIdentity(ROSKILDE, person.id),
        companyContactIdentity('c-cpr'),
      ];
      const strangers: Identity[] = [programmeIdentity(), staffIdentity(KOBENHAVN)];
      // Act
      const [readers, others, unknown] = await Promise.all([
        Promise.all(mayReadThem.map((caller) => run(caller, CPR_OF, { id: person.id }))),
        Promise.all(strangers.map((caller) => run(caller, CPR_OF, { id: person.id }))),
        Promise.all(strangers.map((caller) => run(caller, CPR_OF, { id: nobody }))),
      ]);
      const team = await run(
        staffIdentity(ROSKILDE, 'TEAM_LEADER', `staff-${ROSKILDE}-leader`),
        CPR_OF,
        {
          id: person.id,
        },
      );
      // Assess
      for (const result of [...readers, ...others]) {
        expect(JSON.stringify(result.data ?? null)).not.toContain('140304');
      }
      // Those who may read the young person are refused the field itself.
      for (const result of readers) {
        expect(result.data?.youth).toEqual({ id: person.id, cprMasked: null });
        expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      }
      // Strangers to the young person hear what an unknown id gets: null (#18, class 7).
      for (const [i, result] of others.entries()) {
        expect(result).toEqual({ data: { youth: null } });
        expect(result).toEqual(unknown[i]);
      }
      expect(team.data?.youth).toEqual({ id: person.id, cprMasked: '140304-****' });
    });

    it('refuses a malformed number and one that does not match the date of birth', async () => {
      // Prepare
      const person = await givenYouth(table);
      // Act
      const malformed = await run(consultant, UPDATE, {
        input: { youthId: person.id, expectedVersion: person.version, cpr: '320104-4123' },
      });
      const mismatch = await run(consultant, UPDATE, {
        input: { youthId: person.id, expectedVersion: person.version, cpr: '150304-4123' },
      });
      const bySelf = await run(youthIdentity(ROSKILDE, person.id), UPDATE, {
        input: { youthId: person.id, expectedVersion: person.version, cpr: CPR },
      });
      // Assess
      expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
      expect(JSON.stringify(malformed.errors)).not.toContain('320104');
      expect(mismatch.data?.updateYouthProfile).toEqual({
        youth: null,
        errors: [{ code: 'CPR_BIRTH_DATE_MISMATCH', path: ['cpr'] }],
      });
      expect(errorCodes(bySelf)).toEqual(['FORBIDDEN']);
      expect((await table.get(sharedKeys.youth(person.id)))?.cprCiphertext).toBeUndefined();
    });
  });

  describe('exportYouthData (art. 15)', () => {
    it('gives the young person a document from every subgraph, CPR masked, audited', async () => {
      // Prepare
      const person = await givenYouth(table, { name: 'Alma Adgang' }, ['PAUSED']);
      await run(consultant, UPDATE, {
        input: { youthId: person.id, expectedVersion: person.version, cpr: CPR },
      });
      // Act
      const result = await run(youthIdentity(ROSKILDE, person.id), EXPORT, {
        input: { youthId: person.id },
      });
      // Assess
      const { export: exported } = (result.data?.exportYouthData ?? { export: null }) as {
        export: { document: string };
      };
      const document = JSON.parse(exported.document);
      expect(Object.keys(document.sections).sort()).toEqual([
        'companies',
        'learning-community',
        'people',
        'placements',
      ]);
      expect(document.sections.people.profile).toMatchObject({
        name: 'Alma Adgang',
        cprMasked: '140304-****',
      });
      expect(document.sections.people.statusHistory).toHaveLength(2);
      expect(exported.document).not.toContain('4123');
      expect(exported.document).not.toContain('cprCiphertext');
      expect(await auditActions(person.id)).toContain('EXPORT');
    });

    it('is refused to another young person, the programme, a company and another municipality', async () => {
      // Prepare
      const person = await givenYouth(table);
      const nobody = newId();
      // Roles that may export no one else, whatever the id.
      const refused: Identity[] = [
        youthIdentity(ROSKILDE, 'y-someone-else'),
        programmeIdentity(),
        companyContactIdentity('c-1'),
      ];
      // Another municipality's team and officer, who may export their own young people: strangers.
      const strangers: Identity[] = [
        staffIdentity(KOBENHAVN),
        dataProtectionOfficerIdentity(KOBENHAVN),
      ];
      // Act
      const [byRefused, byStrangers, unknown] = await Promise.all([
        Promise.all(
          refused.map((caller) => run(caller, EXPORT, { input: { youthId: person.id } })),
        ),
        Promise.all(
          strangers.map((caller) => run(caller, EXPORT, { input: { youthId: person.id } })),
        ),
        Promise.all(strangers.map((caller) => run(caller, EXPORT, { input: { youthId: nobody } }))),
      ]);
      // Assess
      for (const result of byRefused) {
        expect(errorCodes(result)).toEqual(['FORBIDDEN']);
        expect(result.data?.exportYouthData ?? null).toBeNull();
      }
      // A stranger hears the payload's YOUTH_NOT_FOUND an unknown id gets (#18, class 7).
      for (const [i, result] of byStrangers.entries()) {
        expect(result).toEqual({
          data: { exportYouthData: { export: null, errors: [{ code: 'YOUTH_NOT_FOUND' }] } },
        });
        expect(result).toEqual(unknown[i]);
      }
      expect(await auditActions(person.id)).not.toContain('EXPORT');
      expect(await strangerRefusals(person.id, 'Mutation.exportYouthData')).toHaveLength(2);
    });
  });

  describe('eraseYouth (art. 17)', () => {
    it("is refused to staff and to another municipality's DPO, and nothing changes", async () => {
      // Prepare
      const person = await givenYouth(table, { name: 'Bo Bliver' });
      const nobody = newId();
      const callers: Identity[] = [
        consultant,
        staffIdentity(ROSKILDE, 'TEAM_LEADER', `staff-${ROSKILDE}-leader`),
        youthIdentity(ROSKILDE, person.id),
        programmeIdentity(),
      ];
      const otherOfficer = dataProtectionOfficerIdentity(KOBENHAVN);
      const erase = (caller: Identity, youthId: string) =>
        run(caller, ERASE, { input: { youthId, reason: 'CONSENT_WITHDRAWN' } });
      // Act
      const results = await Promise.all(callers.map((caller) => erase(caller, person.id)));
      const byOtherOfficer = await erase(otherOfficer, person.id);
      const unknown = await erase(otherOfficer, nobody);
      // Assess: only an officer erases, whatever the id
      for (const result of results) expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      // Another municipality's officer is a stranger to the young person and hears what an
      // unknown id gets, the payload's YOUTH_NOT_FOUND (#18, class 7).
      expect(byOtherOfficer.data?.eraseYouth).toMatchObject({
        erasure: null,
        errors: [{ code: 'YOUTH_NOT_FOUND' }],
      });
      expect(JSON.stringify(byOtherOfficer).replaceAll(person.id, 'ID')).toBe(
        JSON.stringify(unknown).replaceAll(nobody, 'ID'),
      );
      expect((await table.get(sharedKeys.youth(person.id)))?.name).toBe('Bo Bliver');
      expect(await auditActions(person.id)).not.toContain('ERASURE');
      expect(await strangerRefusals(person.id, 'Mutation.eraseYouth')).toHaveLength(1);
    });

    it('refuses bad input, an unknown young person and one with a placement under way', async () => {
      // Prepare
      const person = await givenYouth(table, {}, ['IN_PLACEMENT']);
      await givenPlacements(table, [aPlacement({ youthId: person.id, status: 'ACTIVE' })]);
      // Act
      const badReason = await run(dpo, ERASE, { input: { youthId: person.id, reason: 'BORED' } });
      const badId = await run(dpo, ERASE, {
        input: { youthId: 'x'.repeat(200), reason: 'OBJECTION' },
      });
      const unknown = await run(dpo, ERASE, { input: { youthId: 'y-never', reason: 'OBJECTION' } });
      const blocked = await run(dpo, ERASE, { input: { youthId: person.id, reason: 'OBJECTION' } });
      // Assess
      expect(errorCodes(badReason)).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(badId)).toEqual(['BAD_USER_INPUT']);
      expect(unknown.data?.eraseYouth).toMatchObject({
        erasure: null,
        errors: [{ code: 'YOUTH_NOT_FOUND' }],
      });
      expect(blocked.data?.eraseYouth).toMatchObject({
        erasure: null,
        errors: [{ code: 'ERASURE_BLOCKED' }],
      });
      const profile = await table.get(sharedKeys.youth(person.id));
      expect(profile?.erasingAs).toBeUndefined();
    });

    it('erases everything about the young person, audited, and says so when asked again', async () => {
      // Prepare
      const person = await givenYouth(table, { name: 'Erik Slettes', phone: '+4599887766' }, [
        'PAUSED',
      ]);
      await run(consultant, UPDATE, {
        input: { youthId: person.id, expectedVersion: person.version, cpr: CPR },
      });
      // Act
      const first = await run(dpo, ERASE, {
        input: { youthId: person.id, reason: 'CONSENT_WITHDRAWN' },
      });
      const second = await run(dpo, ERASE, {
        input: { youthId: person.id, reason: 'CONSENT_WITHDRAWN' },
      });
      // Assess
      expect(first.data?.eraseYouth).toMatchObject({
        erasure: { youthId: person.id, alreadyErased: false, itemsAnonymised: 1 },
        errors: [],
      });
      expect(second.data?.eraseYouth).toMatchObject({
        erasure: { youthId: person.id, alreadyErased: true, itemsDeleted: 0, itemsAnonymised: 0 },
        errors: [],
      });
      const items = await scanWholeTable(table);
      expect(
        itemsHolding(
          items,
          { texts: ['Erik Slettes', '99887766'], ids: [person.id] },
          { exceptAudit: true },
        ),
      ).toEqual([]);
      const audit = await table.queryAll({ partition: AUDIT_KEYS.youthPartition(person.id) });
      const erasure = audit.find((item) => item.action === 'ERASURE');
      expect(erasure).toMatchObject({
        reason: 'CONSENT_WITHDRAWN',
        municipalityCode: ROSKILDE,
        role: 'DATA_PROTECTION_OFFICER',
      });
      expect(itemsHolding(audit, { texts: ['Erik Slettes', '99887766', '4123'] })).toEqual([]);
    });
  });

  describe('exactly once', () => {
    async function itemCount(): Promise<number> {
      return (await scanWholeTable(table)).length;
    }

    it('answers a repeated export with the same document and records no second export', async () => {
      // Prepare
      const person = await givenYouth(table, { name: 'Gry Gentaget' });
      const self = youthIdentity(ROSKILDE, person.id);
      const input = { youthId: person.id, idempotencyKey: 'export-once-1' };
      const first = await run(self, EXPORT, { input });
      const before = await itemCount();
      // Act
      const again = await run(self, EXPORT, { input });
      // Assess
      expect(first.errors).toBeUndefined();
      expect(again.data).toEqual(first.data);
      expect(await itemCount()).toBe(before);
      expect((await auditActions(person.id)).filter((action) => action === 'EXPORT')).toHaveLength(
        1,
      );
    });

    it('audits a repeated export by staff as a read of the young person, not a second export', async () => {
      // Prepare
      const person = await givenYouth(table);
      const input = { youthId: person.id, idempotencyKey: 'export-once-2' };
      await run(consultant, EXPORT, { input });
      // Act
      const again = await run(consultant, EXPORT, { input });
      const reused = await run(consultant, EXPORT, {
        input: { youthId: 'y-someone-else', idempotencyKey: 'export-once-2' },
      });
      // Assess
      expect(again.errors).toBeUndefined();
      expect(errorCodes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
      expect((await auditActions(person.id)).sort()).toEqual(['EXPORT', 'READ']);
    });

    it('answers a repeated erasure with the same receipt and writes nothing', async () => {
      // Prepare
      const person = await givenYouth(table, { name: 'Hans Gentaget' });
      const input = { youthId: person.id, reason: 'OBJECTION', idempotencyKey: 'erase-once-1' };
      const first = await run(dpo, ERASE, { input });
      const before = await itemCount();
      // Act
      const again = await run(dpo, ERASE, { input });
      const reused = await run(dpo, ERASE, { input: { ...input, reason: 'CONSENT_WITHDRAWN' } });
      // Assess
      expect(first.data?.eraseYouth).toMatchObject({ erasure: { alreadyErased: false } });
      expect(again.data).toEqual(first.data);
      expect(errorCodes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
      expect(await itemCount()).toBe(before);
    });
  });
});
