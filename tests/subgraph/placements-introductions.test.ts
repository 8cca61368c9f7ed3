import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import type { Identity } from '#kernel/identity';
import { newId } from '#kernel/keys';
import type { Table } from '#kernel/table/table';
import { youthCompanyTieKey } from '#kernel/ties';
import { server } from '#placements/server';
import { everyItem } from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { companyContactIdentity, staffIdentity, youthIdentity } from '../support/identities.ts';
import {
  aHost,
  changedItems,
  givenHosts,
  givenYoungPeople,
  introduceYouthToCompanyInput,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const INTRODUCE = `mutation ($input: IntroduceYouthToCompanyInput!) {
  introduceYouthToCompany(input: $input) {
    introduction { id youth { id } company { id } note introducedBy { id } createdAt version }
    errors { code path }
  }
}`;

type Introduced = {
  introduceYouthToCompany: {
    introduction: { id: string } | null;
    errors: Array<{ code: string }>;
  };
};

describe('placements subgraph: the team introduces a young person to a company', () => {
  let table: Table;
  const monday = new Date('2026-11-02T09:00:00Z');
  const introduce = (identity: Identity, input: Record<string, unknown>) =>
    execute<Introduced>(server, testContext(table, identity, monday), INTRODUCE, {
      input: introduceYouthToCompanyInput(input),
    });

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(table, '265', ['y-1', 'y-2']);
    await givenHosts(
      table,
      aHost('c-1', '265'),
      aHost('c-paused', '265', { status: 'PAUSED' }),
      aHost('c-cph', '101'),
    );
  });

  it("records the introduction, ties the pair and audits the change in the young person's trail", async () => {
    // Act
    const result = await introduce(staffIdentity('265', 'TEAM_LEADER', 'staff-265-lead'), {
      youthId: 'y-1',
      companyId: 'c-1',
    });
    // Assess
    expect(result.errors).toBeUndefined();
    const introduction = result.data?.introduceYouthToCompany.introduction;
    expect(result.data?.introduceYouthToCompany).toEqual({
      introduction: {
        id: expect.any(String),
        youth: { id: 'y-1' },
        company: { id: 'c-1' },
        note: 'Interesseret i lager og logistik',
        introducedBy: { id: 'staff-265-lead' },
        createdAt: monday.toISOString(),
        version: 1,
      },
      errors: [],
    });
    expect((await table.get(youthCompanyTieKey('y-1', 'c-1')))?.reasons).toEqual(
      new Set([`INTRODUCTION#${introduction?.id}`]),
    );
    const trail = await table.queryAll({ partition: AUDIT_KEYS.youthPartition('y-1') });
    expect(trail.map((item) => [item.action, item.target])).toContainEqual([
      'CHANGE',
      'Mutation.introduceYouthToCompany',
    ]);
  });

  it.each([
    ['a company of another municipality', { companyId: 'c-cph' }, 'COMPANY_NOT_FOUND'],
    ['a company that has paused', { companyId: 'c-paused' }, 'COMPANY_NOT_ACTIVE'],
    ['a young person who does not exist', { youthId: 'y-ghost' }, 'YOUTH_NOT_FOUND'],
  ])('refuses an introduction to %s, writing nothing', async (_what, input, code) => {
    // Prepare
    const before = await changedItems(table);
    // Act
    const result = await introduce(staffIdentity('265'), { youthId: 'y-2', ...input });
    // Assess
    expect(result.data?.introduceYouthToCompany).toMatchObject({
      introduction: null,
      errors: [{ code }],
    });
    expect(await changedItems(table)).toEqual(before);
  });

  it("answers another municipality's team as for an unknown young person and company, writing nothing but the refusal", async () => {
    // Prepare
    const identity = staffIdentity('101');
    const [nobody, nothing] = [newId(), newId()];
    const before = await changedItems(table);
    // Act
    const result = await introduce(identity, { youthId: 'y-2', companyId: 'c-1' });
    const unknown = await introduce(identity, { youthId: nobody, companyId: nothing });
    // Assess: the team introduces its own municipality's young people to its companies, so the
    // rule lets it through for ids of nothing; to another municipality's pair it is a stranger
    // and hears what unknown ids get, the payload's not-found error (#18, class 7).
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.introduceYouthToCompany).toMatchObject({
      introduction: null,
      errors: [{}],
    });
    expect(JSON.stringify(result).replaceAll('y-2', 'Y').replaceAll('c-1', 'C')).toBe(
      JSON.stringify(unknown).replaceAll(nobody, 'Y').replaceAll(nothing, 'C'),
    );
    expect(await changedItems(table)).toEqual(before);
    const refusals = (await everyItem(table)).filter(
      (item) =>
        item.action === 'REFUSED' &&
        item.target === 'Mutation.introduceYouthToCompany' &&
        item.subject === identity.subject,
    );
    expect(refusals).toHaveLength(1);
    expect(String(refusals[0]?.reason)).toMatch(/\(answered as an id of nothing\)$/);
  });

  it.each([
    // Refused whatever the id: only the team introduces.
    ['a company contact', companyContactIdentity('c-1')],
    ['a young person', youthIdentity('265', 'y-2')],
  ])('refuses %s to introduce, writing nothing but the refusal', async (_who, identity) => {
    // Prepare
    const before = await changedItems(table);
    // Act
    const result = await introduce(identity, { youthId: 'y-2', companyId: 'c-1' });
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(await changedItems(table)).toEqual(before);
    const refusals = (await everyItem(table)).filter(
      (item) =>
        item.action === 'REFUSED' &&
        item.target === 'Mutation.introduceYouthToCompany' &&
        item.subject === identity.subject,
    );
    expect(refusals).toHaveLength(1);
  });
});
