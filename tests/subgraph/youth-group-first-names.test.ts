import { readFileSync } from 'node:fs';
import type { ApolloServer } from '@apollo/server';
import { Kind, type ObjectTypeDefinitionNode, parse, type TypeNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphContext } from '#kernel/context';
import type { Identity } from '#kernel/identity';
import { countRoundTrips } from '#kernel/table/round-trips';
import type { Table } from '#kernel/table/table';
import type { NetworkGroup } from '#learning-community/domain/network-group';
import { server as learning } from '#learning-community/server';
import { server as people } from '#people/server';
import { server as placements } from '#placements/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { companyContactIdentity, staffIdentity, youthIdentity } from '../support/identities.ts';
import { givenGroup, putSharedWorld } from '../support/learning-factories.ts';
import { givenYouth } from '../support/people-factories.ts';
import { entitiesQuery, representation } from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const FIRST_NAME = entitiesQuery('Youth', 'id firstName');
const YOUTH_MEMBERS = `query ($id: ID!) { networkGroup(id: $id) { youthMembers { id } } }`;
const REMOVE = `mutation ($input: NetworkGroupMembersInput!) {
  removeNetworkGroupMembers(input: $input) { errors { code } }
}`;

/** Every field a subgraph adds to `Youth` but the id and the first name, with a selection each. */
function otherYouthFields(sdl: string): string[] {
  const document = parse(sdl);
  const objectTypes = new Set(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION ? [definition.name.value] : [],
    ),
  );
  const youth = document.definitions.find(
    (definition): definition is ObjectTypeDefinitionNode =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Youth',
  );
  const namedType = (type: TypeNode): string =>
    type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
  return (youth?.fields ?? [])
    .filter((field) => field.name.value !== 'id' && field.name.value !== 'firstName')
    .map((field) =>
      objectTypes.has(namedType(field.type))
        ? `${field.name.value} { __typename }`
        : field.name.value,
    );
}

const SUBGRAPHS: Array<[string, ApolloServer<SubgraphContext>]> = [
  ['people', people],
  ['learning-community', learning],
  ['placements', placements],
];

/**
 * Issue #20: "young people see the first names and shared stories of their own group's members
 * (the group is theirs)". People learns that the caller shares a youth group with the young
 * person asked about from the learning community's group, through the shared keys.
 */
describe('youth groups open to their members, first names only', () => {
  let table: Table;
  let group: NetworkGroup;
  const ids = { ida: 'y-fn-ida', bo: 'y-fn-bo', former: 'y-fn-former', other: 'y-fn-other' };
  const extra = Array.from({ length: 6 }, (_, i) => `y-fn-extra-${i}`);
  const firstNames = (identity: Identity, youthIds: string[]) =>
    execute<{ _entities: Array<{ id: string; firstName: string | null } | null> }>(
      people,
      testContext(table, identity),
      FIRST_NAME,
      { representations: youthIds.map((id) => representation('Youth', id)) },
    );

  beforeAll(async () => {
    table = await createTestTable();
    await putSharedWorld(table, { staff: [{ id: 'staff-265-1', municipalityCode: '265' }] });
    await givenYouth(table, { id: ids.ida, name: 'Ida Marie Jensen' });
    await givenYouth(table, { id: ids.bo, name: 'Bo Nielsen' });
    await givenYouth(table, { id: ids.former, name: 'Frida Holm' });
    await givenYouth(table, { id: ids.other, name: 'Ole Berg' });
    for (const id of extra) await givenYouth(table, { id, name: `Navn ${id} Efternavn` });
    group = await givenGroup(table, {
      municipalityCode: '265',
      kind: 'YOUTH',
      members: [ids.ida, ids.bo, ids.former, ...extra],
    });
    await givenGroup(table, { municipalityCode: '265', kind: 'YOUTH', members: [ids.other] });
    const removed = await execute(learning, testContext(table, staffIdentity('265')), REMOVE, {
      input: { groupId: group.id, expectedVersion: group.version, memberIds: [ids.former] },
    });
    expect(removed.data).toEqual({ removeNetworkGroupMembers: { errors: [] } });
  });

  it("shows a member the other members' first names, listed on the group", async () => {
    // Act
    const members = await execute(
      learning,
      testContext(table, youthIdentity('265', ids.ida)),
      YOUTH_MEMBERS,
      { id: group.id },
    );
    const names = await firstNames(youthIdentity('265', ids.ida), [ids.bo, ids.ida]);
    // Assess
    expect(members.data).toEqual({
      networkGroup: { youthMembers: [ids.ida, ids.bo, ...extra].map((id) => ({ id })) },
    });
    expect(names.errors).toBeUndefined();
    expect(names.data?._entities).toEqual([
      { id: ids.bo, firstName: 'Bo' },
      { id: ids.ida, firstName: 'Ida' },
    ]);
  });

  it.each(SUBGRAPHS)(
    'refuses a member every other field of another member in %s (refused or null)',
    async (name, server) => {
      // Prepare
      const fields = otherYouthFields(readFileSync(`schema/${name}.graphql`, 'utf8'));
      expect(fields.length).toBeGreaterThan(0);
      // Act
      const results = await Promise.all(
        fields.map((field) =>
          execute<{ _entities: Array<Record<string, unknown> | null> }>(
            server,
            testContext(table, youthIdentity('265', ids.ida)),
            entitiesQuery('Youth', field),
            { representations: [representation('Youth', ids.bo)] },
          ),
        ),
      );
      // Assess
      const shown = fields.filter((field, index) => {
        const entity = results[index]?.data?._entities?.[0];
        const value = entity?.[field.split(' ')[0] as string];
        return value !== null && value !== undefined;
      });
      expect(shown).toEqual([]);
    },
  );

  it('refuses the first name to a young person of another group, a former member and a company contact', async () => {
    // Act
    const callers = [
      youthIdentity('265', ids.other),
      youthIdentity('265', ids.former),
      companyContactIdentity('c-fn-1'),
    ];
    const results = await Promise.all(callers.map((caller) => firstNames(caller, [ids.bo])));
    const groups = await Promise.all(
      callers.map((caller) =>
        execute(learning, testContext(table, caller), YOUTH_MEMBERS, { id: group.id }),
      ),
    );
    // Assess
    for (const result of results) {
      expect(result.data?._entities).toEqual([null]);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    }
    for (const result of groups) expect(result.data?.networkGroup ?? null).toBeNull();
  });

  it("reads a whole group's first names in the same round trips as one member's", async () => {
    // Prepare
    const counter = countRoundTrips(table.client);
    const roundTripsOf = async (youthIds: string[]) => {
      counter.reset();
      const result = await firstNames(youthIdentity('265', ids.ida), youthIds);
      expect(result.errors).toBeUndefined();
      return counter.total();
    };
    // Act
    const one = await roundTripsOf([ids.bo]);
    const all = await roundTripsOf([ids.bo, ...extra]);
    // Assess
    expect(all).toBe(one);
  });
});
