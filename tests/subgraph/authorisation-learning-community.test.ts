import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '#kernel/table/table';
import type { NetworkGroup } from '#learning-community/domain/network-group';
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

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on NetworkGroup { id name } }
}`;

describe('learning community subgraph: rules per field on every path', () => {
  let table: Table;
  let group: NetworkGroup;

  beforeAll(async () => {
    table = await createTestTable();
    await putSharedWorld(table, {
      staff: [
        { id: 'staff-265-1', municipalityCode: '265' },
        { id: 'staff-101-1', municipalityCode: '101' },
      ],
      youth: [
        { id: 'y-265-1', municipalityCode: '265' },
        { id: 'y-265-2', municipalityCode: '265' },
      ],
      companies: [{ id: 'c-265-1', municipalityCode: '265' }],
      contacts: [{ id: 'ct-265-1', companyId: 'c-265-1' }],
    });
    group = await givenGroup(table, {
      municipalityCode: '265',
      facilitatorId: 'staff-265-1',
      members: ['y-265-1'],
    });
  });

  it('refuses a member of the group the member list (a nested field for the team only)', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, youthIdentity('265', 'y-265-1')),
      'query ($id: ID!) { networkGroup(id: $id) { name members { memberId } } }',
      { id: group.id },
    );
    // Assess: the member list is non-null, so the group goes with it.
    expect(result.data?.networkGroup).toBeNull();
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it('refuses a non-member, a company contact, another municipality and the programme office the group via _entities', async () => {
    for (const identity of [
      youthIdentity('265', 'y-265-2'),
      companyContactIdentity('c-265-1', 'ct-265-1'),
      staffIdentity('101'),
      programmeIdentity(),
    ]) {
      // Act
      const result = await execute(server, testContext(table, identity), ENTITIES, {
        representations: [{ __typename: 'NetworkGroup', id: group.id }],
      });
      // Assess
      expect(result.data?._entities).toEqual([null]);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    }
  });

  it("refuses another young person a peer's work stories through the Youth entity", async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, youthIdentity('265', 'y-265-2')),
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Youth { workStories { edges { node { id } } } }
      } }`,
      { representations: [{ __typename: 'Youth', id: 'y-265-1' }] },
    );
    // Assess
    expect(result.data?._entities).toEqual([null]);
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });
});
