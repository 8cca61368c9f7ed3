import { beforeAll, describe, expect, it } from 'vitest';
import { countRoundTrips, type RoundTripCounter } from '#kernel/table/round-trips';
import type { Table } from '#kernel/table/table';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { companyContactIdentity, staffIdentity } from '../support/identities.ts';
import {
  aHost,
  aPlacement,
  entitiesQuery,
  givenHosts,
  givenPlacements,
  givenYoungPeople,
  representation,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const HUNDRED = Array.from({ length: 100 }, (_, i) => String(i + 1).padStart(3, '0'));

describe('placements subgraph: round trips do not grow with list length', () => {
  let table: Table;
  let counter: RoundTripCounter;

  beforeAll(async () => {
    table = await createTestTable();
    await givenHosts(table, aHost('c-10', '265'), aHost('c-100', '265'));
    await givenYoungPeople(
      table,
      '265',
      HUNDRED.map((n) => `y-${n}`),
    );
    const completed = (companyId: string, n: string) =>
      aPlacement({ id: `p-${companyId}-${n}`, youthId: `y-${n}`, companyId, status: 'COMPLETED' });
    await givenPlacements(table, [
      ...HUNDRED.slice(0, 10).map((n) => completed('c-10', n)),
      ...HUNDRED.map((n) => completed('c-100', n)),
    ]);
    counter = countRoundTrips(table.client);
  });

  async function roundTripsOf(run: () => Promise<{ errors?: unknown }>): Promise<number> {
    counter.reset();
    const result = await run();
    expect(result.errors).toBeUndefined();
    return counter.total();
  }

  it("lists a company's 100 placements with their references in as many round trips as 10", async () => {
    // Prepare
    const query = entitiesQuery(
      'Company',
      'placements(first: 100) { edges { node { id status youth { id } company { id } mentor { id } } } }',
    );
    const list = (companyId: string) => () =>
      execute(server, testContext(table, companyContactIdentity(companyId)), query, {
        representations: [representation('Company', companyId)],
      });
    // Act
    const ten = await roundTripsOf(list('c-10'));
    const hundred = await roundTripsOf(list('c-100'));
    // Assess
    expect(hundred).toBe(ten);
    // The contact's own item first (whether they are still the company's: `current-contact.ts`).
    expect(ten).toBeLessThanOrEqual(3);
  });

  it('resolves 100 placement references with their young people in as many round trips as 10', async () => {
    // Prepare
    const query = entitiesQuery('Placement', 'id youth { id } company { id } status');
    const resolve = (ids: string[]) => () =>
      execute(server, testContext(table, staffIdentity('265')), query, {
        representations: ids.map((n) => representation('Placement', `p-c-100-${n}`)),
      });
    // Act
    const ten = await roundTripsOf(resolve(HUNDRED.slice(0, 10)));
    const hundred = await roundTripsOf(resolve(HUNDRED));
    // Assess
    expect(hundred).toBe(ten);
    // The staff caller's standing (`#kernel/current-staff`), then the placements.
    expect(ten).toBe(2);
  });

  it("reads 100 young people's current placements in as many round trips as 10", async () => {
    // Prepare
    const query = entitiesQuery('Youth', 'id currentPlacement { id }');
    const resolve = (ids: string[]) => () =>
      execute(server, testContext(table, staffIdentity('265')), query, {
        representations: ids.map((n) => representation('Youth', `y-${n}`)),
      });
    // Act
    const ten = await roundTripsOf(resolve(HUNDRED.slice(0, 10)));
    const hundred = await roundTripsOf(resolve(HUNDRED));
    // Assess
    expect(hundred).toBe(ten);
  });
});
