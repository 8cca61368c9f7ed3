import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS, PROGRAMME_WIDE_REFUSALS } from '#kernel/audit';
import { newId } from '#kernel/keys';
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

const GROUP_QUERY = `query ($id: ID!) {
  networkGroup(id: $id) {
    id kind name cadence memberCount municipality { code } facilitator { id }
  }
}`;

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on NetworkGroup { id name } }
}`;

describe('learning community subgraph: network groups', () => {
  let table: Table;
  let youthGroup: NetworkGroup;
  let companyGroup: NetworkGroup;

  beforeAll(async () => {
    table = await createTestTable();
    await putSharedWorld(table, {
      staff: [
        { id: 'staff-265-1', municipalityCode: '265' },
        { id: 'staff-265-5', municipalityCode: '265', role: 'ENTREPRENEUR' },
        { id: 'staff-101-1', municipalityCode: '101' },
      ],
      youth: [
        { id: 'y-265-1', municipalityCode: '265' },
        { id: 'y-265-2', municipalityCode: '265' },
        { id: 'y-265-3', municipalityCode: '265' },
        { id: 'y-101-1', municipalityCode: '101' },
      ],
      companies: [
        { id: 'c-265-1', municipalityCode: '265' },
        { id: 'c-265-2', municipalityCode: '265' },
        { id: 'c-101-1', municipalityCode: '101' },
      ],
      contacts: [
        { id: 'ct-265-1', companyId: 'c-265-1' },
        // A colleague of the member: a contact of the same company, in no group themself.
        { id: 'ct-265-9', companyId: 'c-265-1' },
        { id: 'ct-265-2', companyId: 'c-265-2' },
        { id: 'ct-101-1', companyId: 'c-101-1' },
      ],
    });
    youthGroup = await givenGroup(table, {
      municipalityCode: '265',
      facilitatorId: 'staff-265-1',
      members: ['y-265-1', 'y-265-2'],
      name: 'Ungenetværk Roskilde 1',
    });
    companyGroup = await givenGroup(table, {
      municipalityCode: '265',
      kind: 'COMPANY',
      facilitatorId: 'staff-265-5',
      members: [{ memberId: 'ct-265-1', joinedOn: '2026-09-01', companyId: 'c-265-1' }],
      name: 'Virksomhedsnetværk Roskilde',
    });
  });

  describe('Query.networkGroup', () => {
    it('shows a group to the team of its municipality', async () => {
      // Act
      const result = await execute(server, testContext(table, staffIdentity('265')), GROUP_QUERY, {
        id: youthGroup.id,
      });
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        networkGroup: {
          id: youthGroup.id,
          kind: 'YOUTH',
          name: 'Ungenetværk Roskilde 1',
          cadence: 'WEEKLY',
          memberCount: 2,
          municipality: { code: '265' },
          facilitator: { id: 'staff-265-1' },
        },
      });
    });

    it('shows a youth group to a young person who is a member', async () => {
      // Act
      const result = await execute(
        server,
        testContext(table, youthIdentity('265', 'y-265-1')),
        GROUP_QUERY,
        { id: youthGroup.id },
      );
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.networkGroup).toMatchObject({ id: youthGroup.id });
    });

    it('shows a company group to a contact of a company that takes part', async () => {
      // Act
      const result = await execute(
        server,
        testContext(table, companyContactIdentity('c-265-1', 'ct-265-9')),
        GROUP_QUERY,
        { id: companyGroup.id },
      );
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.networkGroup).toMatchObject({
        kind: 'COMPANY',
        cadence: 'EVERY_SIX_WEEKS',
      });
    });

    it.each([
      // Every role may ask for a group by id and hears null for an unknown one, so those the
      // group is not open to are strangers to it: they hear that null too, and the attempt is
      // audited (#18, class 7).
      ['staff of another municipality', staffIdentity('101')],
      ['a young person who is not a member', youthIdentity('265', 'y-265-3')],
      ['a company contact', companyContactIdentity('c-265-1')],
      ['the programme office', programmeIdentity()],
    ])(
      'refuses the youth group to %s, as an unknown one, and audits it',
      async (_who, identity) => {
        // Prepare
        const nobody = newId();
        const refusedBefore = (await strangerRefusals()).length;
        // Act
        const result = await execute(server, testContext(table, identity), GROUP_QUERY, {
          id: youthGroup.id,
        });
        const unknown = await execute(server, testContext(table, identity), GROUP_QUERY, {
          id: nobody,
        });
        // Assess
        expect(result.data?.networkGroup).toBeNull();
        expect(errorCodes(result)).toEqual([]);
        expect(alike(result, youthGroup.id, unknown, nobody)).toBe(true);
        expect(JSON.stringify(result)).not.toContain('Ungenetværk');
        expect((await strangerRefusals()).length).toBe(refusedBefore + 1);
      },
    );

    it('refuses a company group to a contact of a company that does not take part, as an unknown one', async () => {
      // Prepare
      const nobody = newId();
      const asOther = testContext(table, companyContactIdentity('c-265-2'));
      // Act
      const result = await execute(server, asOther, GROUP_QUERY, { id: companyGroup.id });
      const unknown = await execute(server, asOther, GROUP_QUERY, { id: nobody });
      // Assess: a stranger to the group (#18, class 7)
      expect(result.data?.networkGroup).toBeNull();
      expect(errorCodes(result)).toEqual([]);
      expect(alike(result, companyGroup.id, unknown, nobody)).toBe(true);
    });

    it('answers null for an unknown group and refuses the anonymous probe', async () => {
      // Act
      const unknown = await execute(server, testContext(table, staffIdentity('265')), GROUP_QUERY, {
        id: 'no-such-group',
      });
      const anonymous = await execute(server, testContext(table, null), GROUP_QUERY, {
        id: youthGroup.id,
      });
      // Assess
      expect(unknown.errors).toBeUndefined();
      expect(unknown.data).toEqual({ networkGroup: null });
      expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    });
  });

  /** Whether two answers are the same but for the id each was sent. */
  function alike(a: unknown, aId: string, b: unknown, bId: string): boolean {
    return JSON.stringify(a).replaceAll(aId, 'ID') === JSON.stringify(b).replaceAll(bId, 'ID');
  }

  /** The refusals of `Query.networkGroup` answered as an id of nothing (#18, class 7). */
  async function strangerRefusals() {
    const partitions = ['265', '101', PROGRAMME_WIDE_REFUSALS].map(AUDIT_KEYS.refusedPartition);
    const items = (
      await Promise.all(partitions.map((partition) => table.queryAll({ index: 'gsi1', partition })))
    ).flat();
    return items.filter(
      (item) =>
        item.action === 'REFUSED' &&
        item.target === 'Query.networkGroup' &&
        String(item.reason).endsWith('(answered as an id of nothing)'),
    );
  }

  describe('NetworkGroup entity references', () => {
    it('resolves references in one call for the team, unknown ids as null', async () => {
      // Act
      const result = await execute(server, testContext(table, staffIdentity('265')), ENTITIES, {
        representations: [
          { __typename: 'NetworkGroup', id: companyGroup.id },
          { __typename: 'NetworkGroup', id: 'missing' },
          { __typename: 'NetworkGroup', id: youthGroup.id },
        ],
      });
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        _entities: [
          { id: companyGroup.id, name: 'Virksomhedsnetværk Roskilde' },
          null,
          { id: youthGroup.id, name: 'Ungenetværk Roskilde 1' },
        ],
      });
    });

    it('does not let an _entities call bypass the rule', async () => {
      // Act
      const result = await execute(server, testContext(table, staffIdentity('101')), ENTITIES, {
        representations: [{ __typename: 'NetworkGroup', id: youthGroup.id }],
      });
      // Assess
      expect(result.data).toEqual({ _entities: [null] });
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });
  });

  describe('NetworkGroup.members', () => {
    const MEMBERS = `query ($id: ID!) {
      networkGroup(id: $id) { members { memberId joinedOn youth { id } contact { id } company { id } } }
    }`;

    it('lists the members to the team', async () => {
      // Act
      const youth = await execute(server, testContext(table, staffIdentity('265')), MEMBERS, {
        id: youthGroup.id,
      });
      const companies = await execute(server, testContext(table, staffIdentity('265')), MEMBERS, {
        id: companyGroup.id,
      });
      // Assess
      expect(youth.data).toEqual({
        networkGroup: {
          members: [
            {
              memberId: 'y-265-1',
              joinedOn: '2026-09-01',
              youth: { id: 'y-265-1' },
              contact: null,
              company: null,
            },
            {
              memberId: 'y-265-2',
              joinedOn: '2026-09-01',
              youth: { id: 'y-265-2' },
              contact: null,
              company: null,
            },
          ],
        },
      });
      expect(companies.data).toEqual({
        networkGroup: {
          members: [
            {
              memberId: 'ct-265-1',
              joinedOn: '2026-09-01',
              youth: null,
              contact: { id: 'ct-265-1' },
              company: { id: 'c-265-1' },
            },
          ],
        },
      });
    });

    it('refuses the member list to a young person in the group', async () => {
      // Act
      const result = await execute(
        server,
        testContext(table, youthIdentity('265', 'y-265-1')),
        MEMBERS,
        { id: youthGroup.id },
      );
      // Assess
      expect(result.data).toEqual({ networkGroup: null });
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it('refuses the member list to a contact of a company in the group', async () => {
      // Act
      const result = await execute(
        server,
        testContext(table, companyContactIdentity('c-265-1', 'ct-265-1')),
        MEMBERS,
        { id: companyGroup.id },
      );
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });
  });
});
