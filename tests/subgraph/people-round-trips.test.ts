import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import { countRoundTrips, type RoundTripCounter } from '#kernel/table/round-trips';
import type { Table } from '#kernel/table/table';
import { server } from '#people/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { companyContactIdentity, staffIdentity } from '../support/identities.ts';
import {
  givenLink,
  givenMunicipalities,
  givenSharedCompany,
  givenTeam,
  givenYouth,
  ROSKILDE,
} from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Youth { id name workWishes } }
}`;

const LISTING = `query ($first: Int) { municipality(code: "${ROSKILDE}") {
  youth(first: $first) { edges { node { id name consultant { name } } } }
} }`;

describe('people subgraph: round trips do not grow with list length', () => {
  let table: Table;
  let counter: RoundTripCounter;
  const ids: string[] = [];

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenSharedCompany(table, 'c-host', ROSKILDE);
    for (let i = 0; i < 40; i++) {
      const consultantId = i % 2 === 0 ? `staff-${ROSKILDE}-1` : `staff-${ROSKILDE}-2`;
      const person = await givenYouth(table, { consultantId });
      await givenLink(table, person.id, 'c-host');
      ids.push(person.id);
    }
    counter = countRoundTrips(table.client);
  });

  async function roundTripsOf(
    identity: Identity,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<number> {
    counter.reset();
    const result = await execute(server, testContext(table, identity), query, variables);
    expect(result.errors).toBeUndefined();
    return counter.total();
  }

  const representations = (n: number) => ({
    representations: ids.slice(0, n).map((id) => ({ __typename: 'Youth', id })),
  });

  it.each([
    // One BatchGetItem, and one write of the request's audit events (READ of personal data).
    // And before them the caller's standing: a staff member's (`current-staff.ts`: removed, or in
    // another role since the token), a contact's own item (`current-contact.ts`: still the
    // company's), settled once before any rule runs.
    ['the team', staffIdentity(ROSKILDE), 3],
    ['a linked company contact', companyContactIdentity('c-host'), 3],
  ] as Array<[string, Identity, number]>)(
    'resolves 40 Youth references for %s in as many round trips as 4',
    async (_who, identity, expected) => {
      // Act
      const few = await roundTripsOf(identity, ENTITIES, representations(4));
      const many = await roundTripsOf(identity, ENTITIES, representations(40));
      // Assess
      expect(many).toBe(few);
      expect(many).toBe(expected);
    },
  );

  it('lists 40 young people with their consultants in as many round trips as 4', async () => {
    // Act
    const few = await roundTripsOf(staffIdentity(ROSKILDE), LISTING, { first: 4 });
    const many = await roundTripsOf(staffIdentity(ROSKILDE), LISTING, { first: 40 });
    // Assess
    expect(many).toBe(few);
  });
});
