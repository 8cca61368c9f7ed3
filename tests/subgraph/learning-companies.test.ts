import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '#kernel/table/table';
import { server } from '#learning-community/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { givenGroup, putSharedWorld } from '../support/learning-factories.ts';
import { createTestTable } from '../support/table.ts';

const COMPANY_GROUPS = `query ($id: ID!) {
  _entities(representations: [{ __typename: "Company", id: $id }]) {
    ... on Company { id networkGroups { id kind } }
  }
}`;

const ADD = `mutation ($input: NetworkGroupMembersInput!) {
  addNetworkGroupMembers(input: $input) { errors { code } }
}`;

const REMOVE = `mutation ($input: NetworkGroupMembersInput!) {
  removeNetworkGroupMembers(input: $input) { errors { code } }
}`;

describe('learning community subgraph: company network groups', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await putSharedWorld(table, {
      companies: [
        { id: 'c-540-1', municipalityCode: '540' },
        { id: 'c-540-2', municipalityCode: '540' },
      ],
      contacts: [
        { id: 'ct-540-1a', companyId: 'c-540-1' },
        { id: 'ct-540-1b', companyId: 'c-540-1' },
        { id: 'ct-540-2', companyId: 'c-540-2' },
      ],
    });
  });

  it("lists the groups where one of the company's contacts is a member, while one is", async () => {
    // Prepare
    const group = await givenGroup(table, {
      municipalityCode: '540',
      kind: 'COMPANY',
      id: 'g-540-c1',
    });
    const staff = () => testContext(table, staffIdentity('540'));
    await execute(server, staff(), ADD, {
      input: { groupId: group.id, expectedVersion: 1, memberIds: ['ct-540-1a', 'ct-540-1b'] },
    });
    // Act
    const asContact = await execute(
      server,
      testContext(table, companyContactIdentity('c-540-1', 'ct-540-1b')),
      COMPANY_GROUPS,
      { id: 'c-540-1' },
    );
    await execute(server, staff(), REMOVE, {
      input: { groupId: group.id, expectedVersion: 2, memberIds: ['ct-540-1a'] },
    });
    const afterOneLeft = await execute(server, staff(), COMPANY_GROUPS, { id: 'c-540-1' });
    await execute(server, staff(), REMOVE, {
      input: { groupId: group.id, expectedVersion: 3, memberIds: ['ct-540-1b'] },
    });
    const afterBothLeft = await execute(server, staff(), COMPANY_GROUPS, { id: 'c-540-1' });
    // Assess
    expect(asContact.errors).toBeUndefined();
    expect(asContact.data).toEqual({
      _entities: [{ id: 'c-540-1', networkGroups: [{ id: 'g-540-c1', kind: 'COMPANY' }] }],
    });
    expect(afterOneLeft.data).toEqual(asContact.data);
    expect(afterBothLeft.data).toEqual({ _entities: [{ id: 'c-540-1', networkGroups: [] }] });
  });

  it.each([
    ['a contact of another company', companyContactIdentity('c-540-2')],
    ['staff of another municipality', staffIdentity('101')],
    ['a young person', youthIdentity('540', 'y-540-1')],
    ['the programme office', programmeIdentity()],
  ])("refuses a company's groups to %s", async (_who, identity) => {
    // Act
    const result = await execute(server, testContext(table, identity), COMPANY_GROUPS, {
      id: 'c-540-1',
    });
    // Assess
    expect(result.data).toEqual({ _entities: [null] });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it('refuses an unknown company', async () => {
    // Act
    const result = await execute(server, testContext(table, staffIdentity('540')), COMPANY_GROUPS, {
      id: 'c-404',
    });
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });
});
