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
  dataProtectionOfficerIdentity,
  enrolYouthInput,
  givenLink,
  givenMunicipalities,
  givenSharedCompany,
  givenTeam,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { itemsHolding, scanWholeTable } from '../support/privacy-scan.ts';
import { createTestTable } from '../support/table.ts';

const ENROL = `mutation ($input: EnrolYouthInput!) {
  enrolYouth(input: $input) {
    youth { id ageExceptionReason }
    errors { code message path }
  }
}`;
const REASON_OF = `query ($id: ID!) { youth(id: $id) { id ageExceptionReason } }`;
const EXPORT = `mutation ($input: ExportYouthDataInput!) {
  exportYouthData(input: $input) { export { document } errors { code } }
}`;
const ERASE = `mutation ($input: EraseYouthInput!) {
  eraseYouth(input: $input) { erasure { youthId } errors { code } }
}`;

const REASON = 'Fylder 30 om to uger; henvist af jobcentret før sit fødselsdag';

interface EnrolPayload {
  youth: { id: string; ageExceptionReason: string | null } | null;
  errors: Array<{ code: string; message: string; path: string[] }>;
}

describe('people subgraph: enrolment inside the target group (18–29) or with a reason', () => {
  let table: Table;
  const consultant = staffIdentity(ROSKILDE);

  function run(identity: Identity, query: string, variables: Record<string, unknown>) {
    return execute(server, testContext(table, identity), query, variables);
  }

  async function enrol(input: Record<string, unknown>, identity = consultant) {
    const result = await run(identity, ENROL, { input });
    return { result, payload: result.data?.enrolYouth as EnrolPayload | undefined };
  }

  async function enrolledCount(): Promise<number> {
    return Number((await table.get(youthStatsKey(ROSKILDE)))?.ENROLLED ?? 0);
  }

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
  });

  // The enrolment day in these inputs is 2026-11-20; today is 2026-11-26.
  it.each([
    ['17 on the day of enrolment', '2009-01-10'],
    ['18 today but still 17 on the day of enrolment', '2008-11-24'],
    ['30 on the day of enrolment', '1996-11-20'],
    ['34, inside the hard limits', '1992-05-01'],
  ])(
    'refuses someone %s without a reason, naming the group, and writes nothing',
    async (_what, dateOfBirth) => {
      // Prepare
      const before = {
        items: (await scanWholeTable(table)).length,
        enrolled: await enrolledCount(),
      };
      // Act
      const { result, payload } = await enrol(enrolYouthInput({ dateOfBirth }));
      // Assess
      expect(result.errors).toBeUndefined();
      expect(payload?.youth).toBeNull();
      expect(payload?.errors).toEqual([
        expect.objectContaining({ code: 'AGE_OUTSIDE_TARGET_GROUP', path: ['dateOfBirth'] }),
      ]);
      expect(payload?.errors[0]?.message).toContain('18 to 29');
      expect({
        items: (await scanWholeTable(table)).length,
        enrolled: await enrolledCount(),
      }).toEqual(before);
    },
  );

  it.each([
    ['18 on the day of enrolment itself', '2008-11-20'],
    ['29 on the day before their 30th birthday', '1996-11-21'],
  ])('enrols someone %s without a reason', async (_what, dateOfBirth) => {
    // Act
    const { payload } = await enrol(enrolYouthInput({ dateOfBirth }));
    // Assess
    expect(payload?.errors).toEqual([]);
    expect(payload?.youth?.ageExceptionReason).toBeNull();
  });

  it('enrols someone outside the group with the team’s reason, counted and audited', async () => {
    // Prepare
    const before = await enrolledCount();
    // Act
    const { payload } = await enrol(
      enrolYouthInput({ dateOfBirth: '1996-11-20', ageExceptionReason: `  ${REASON} ` }),
    );
    // Assess
    expect(payload?.errors).toEqual([]);
    const youthId = payload?.youth?.id as string;
    expect(payload?.youth?.ageExceptionReason).toBe(REASON);
    expect(await table.get(sharedKeys.youth(youthId))).toMatchObject({
      ageExceptionReason: REASON,
    });
    expect(await enrolledCount()).toBe(before + 1);
    const audit = await table.queryAll({ partition: AUDIT_KEYS.youthPartition(youthId) });
    expect(audit.filter((item) => item.action === 'CHANGE').map((item) => item.target)).toEqual([
      'Mutation.enrolYouth',
    ]);
    // The audit record names the enrolment, never the reason.
    expect(itemsHolding(audit, { texts: ['fødselsdag'] })).toEqual([]);
  });

  it('still refuses ages outside 15–35 whatever the reason', async () => {
    // Act
    const { result } = await enrol(
      enrolYouthInput({ dateOfBirth: '1980-01-01', ageExceptionReason: REASON }),
    );
    // Assess
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a reason over 500 characters or of blanks with BAD_USER_INPUT', async () => {
    // Prepare
    const before = await enrolledCount();
    // Act
    const results = await Promise.all(
      ['x'.repeat(501), '   '].map((ageExceptionReason) =>
        enrol(enrolYouthInput({ dateOfBirth: '1996-11-20', ageExceptionReason })),
      ),
    );
    // Assess
    for (const { result } of results) {
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(JSON.stringify(result.errors?.[0]?.extensions?.issues)).toContain(
        'ageExceptionReason',
      );
    }
    expect(await enrolledCount()).toBe(before);
  });

  it('refuses the enrolment with a reason to another municipality’s consultant, a young person and a company', async () => {
    // Prepare
    const before = await enrolledCount();
    const input = enrolYouthInput({ dateOfBirth: '1996-11-20', ageExceptionReason: REASON });
    const refused: Identity[] = [
      staffIdentity(KOBENHAVN),
      youthIdentity(ROSKILDE, 'y-someone'),
      companyContactIdentity('c-1'),
    ];
    // Act
    const results = await Promise.all(refused.map((caller) => run(caller, ENROL, { input })));
    // Assess
    for (const result of results) {
      expect(result.data?.enrolYouth ?? null).toBeNull();
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    }
    expect(await enrolledCount()).toBe(before);
  });

  it('shows the reason to the team only: not to the young person or a company tied to them', async () => {
    // Prepare
    const { payload } = await enrol(
      enrolYouthInput({ dateOfBirth: '2009-01-10', ageExceptionReason: REASON }),
    );
    const youthId = payload?.youth?.id as string;
    await givenSharedCompany(table, 'c-age', ROSKILDE);
    await givenLink(table, youthId, 'c-age');
    // Act
    const team = await run(consultant, REASON_OF, { id: youthId });
    const self = await run(youthIdentity(ROSKILDE, youthId), REASON_OF, { id: youthId });
    const company = await run(companyContactIdentity('c-age'), REASON_OF, { id: youthId });
    // Assess
    expect(team.data?.youth).toEqual({ id: youthId, ageExceptionReason: REASON });
    for (const result of [self, company]) {
      expect(result.data?.youth).toEqual({ id: youthId, ageExceptionReason: null });
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    }
  });

  it('puts the reason in the young person’s art. 15 export and erases it with them', async () => {
    // Prepare
    // A reason of this young person's own, so the scan finds no one else's.
    const reason = 'Henvist som 17-årig efter endt efterskole';
    const { payload } = await enrol(
      enrolYouthInput({ dateOfBirth: '2009-01-10', ageExceptionReason: reason }),
    );
    const youthId = payload?.youth?.id as string;
    // Act
    const exported = await run(youthIdentity(ROSKILDE, youthId), EXPORT, { input: { youthId } });
    const erased = await run(dataProtectionOfficerIdentity(ROSKILDE), ERASE, {
      input: { youthId, reason: 'CONSENT_WITHDRAWN' },
    });
    // Assess
    const { export: exportedData } = (exported.data?.exportYouthData ?? { export: null }) as {
      export: { document: string };
    };
    const document = JSON.parse(exportedData.document);
    expect(document.sections.people.profile).toMatchObject({ ageExceptionReason: reason });
    expect(erased.data?.eraseYouth).toMatchObject({ errors: [] });
    expect(itemsHolding(await scanWholeTable(table), { texts: [reason] })).toEqual([]);
  });
});
