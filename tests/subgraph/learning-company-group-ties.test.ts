import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '#kernel/table/table';
import { companyCompanyTieKey } from '#kernel/ties';
import type { NetworkGroup } from '#learning-community/domain/network-group';
import { server } from '#learning-community/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import { givenGroup, putSharedWorld } from '../support/learning-factories.ts';
import { createTestTable } from '../support/table.ts';

const ADD = `mutation ($input: NetworkGroupMembersInput!) {
  addNetworkGroupMembers(input: $input) { group { version } errors { code path } }
}`;

describe('learning community subgraph: a company group ties its companies', () => {
  let table: Table;
  let group: NetworkGroup;
  let fullGroup: NetworkGroup;
  /** Companies 10 to 33 of Aarhus, one contact each: a full company group's worth. */
  const many = Array.from({ length: 24 }, (_, index) => String(index + 10));
  const consultant = () =>
    testContext(table, staffIdentity('630', 'NETWORK_CONSULTANT', 'staff-630-1'));
  const add = (expectedVersion: number, memberIds: string[], groupId = group.id) =>
    execute(server, consultant(), ADD, {
      input: { groupId, expectedVersion, memberIds },
    });

  beforeAll(async () => {
    table = await createTestTable();
    await putSharedWorld(table, {
      staff: [{ id: 'staff-630-1', municipalityCode: '630' }],
      companies: [
        { id: 'c-630-1', municipalityCode: '630' },
        { id: 'c-630-2', municipalityCode: '630' },
        { id: 'c-630-3', municipalityCode: '630' },
        ...many.map((n) => ({ id: `c-630-${n}`, municipalityCode: '630' })),
      ],
      contacts: [
        { id: 'ct-630-1', companyId: 'c-630-1' },
        { id: 'ct-630-2', companyId: 'c-630-2' },
        { id: 'ct-630-3', companyId: 'c-630-3' },
        ...many.map((n) => ({ id: `ct-630-${n}`, companyId: `c-630-${n}` })),
      ],
    });
    group = await givenGroup(table, {
      municipalityCode: '630',
      kind: 'COMPANY',
      facilitatorId: 'staff-630-1',
      members: [{ memberId: 'ct-630-1', joinedOn: '2026-09-01', companyId: 'c-630-1' }],
    });
    fullGroup = await givenGroup(table, {
      municipalityCode: '630',
      kind: 'COMPANY',
      facilitatorId: 'staff-630-1',
      members: [{ memberId: 'ct-630-10', joinedOn: '2026-09-01', companyId: 'c-630-10' }],
    });
  });

  it('ties the joining companies to every company of the group, both ways', async () => {
    // Act
    const added = await add(group.version, ['ct-630-2', 'ct-630-3']);
    // Assess
    expect(added.errors).toBeUndefined();
    for (const [a, b] of [
      ['c-630-1', 'c-630-2'],
      ['c-630-1', 'c-630-3'],
      ['c-630-2', 'c-630-3'],
    ] as const) {
      for (const [one, other] of [
        [a, b],
        [b, a],
      ] as const) {
        expect(await table.get(companyCompanyTieKey(one, other))).toMatchObject({
          entity: 'CompanyCompanyTie',
          reasons: new Set([`GROUP#${group.id}`]),
          ways: new Set(['COMPANY_GROUP']),
        });
      }
    }
  });

  it('ties all 276 pairs of a full group, more than one transaction holds', async () => {
    // Act
    const added = await add(
      fullGroup.version,
      many.slice(1).map((n) => `ct-630-${n}`),
      fullGroup.id,
    );
    // Assess
    expect(added.errors).toBeUndefined();
    const missing: string[] = [];
    for (const a of many) {
      for (const b of many) {
        if (a === b) continue;
        const tie = await table.get(companyCompanyTieKey(`c-630-${a}`, `c-630-${b}`));
        const reasons = tie?.reasons instanceof Set ? tie.reasons : new Set();
        if (!reasons.has(`GROUP#${fullGroup.id}`)) missing.push(`${a}-${b}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
