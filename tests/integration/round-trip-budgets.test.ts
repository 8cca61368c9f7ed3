import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld, type DemoWorld } from '#infra/local/seed/demo-world';
import { countRoundTrips, type RoundTripCounter } from '#kernel/table/round-trips';
import type { Table } from '#kernel/table/table';
import { MUTATION_ROUND_TRIP_BUDGETS, ROUND_TRIP_BUDGETS } from '../bench/budgets.ts';
import { createInProcessGateway } from '../bench/federation/in-process-gateway.ts';
import {
  ALL_OPERATIONS,
  type BenchOperation,
  COUNTED_READS,
  companyListing,
  LOAD_MUTATIONS,
  placementList,
  youthListing,
} from '../bench/operations.ts';
import { operationProblems } from '../bench/operations-check.ts';
import { seedWorld } from '../bench/world/data-sets.ts';
import {
  BENCH_MUNICIPALITY,
  LARGE_HOST_PLACEMENTS,
  scaleWorld,
  withLargeHost,
} from '../bench/world/scaled-world.ts';
import { createTestTable } from '../support/table.ts';

/** One municipality of the demo world, `factor` times over, with the large host's placements. */
function benchWorld(factor: number) {
  const demo = buildDemoWorld();
  const municipality = demo.municipalities.find((m) => m.code === BENCH_MUNICIPALITY);
  if (!municipality) throw new Error('The demo world lacks the bench municipality');
  return withLargeHost(
    scaleWorld(demo, { municipalities: [[municipality.code, municipality.name]], factor }),
    { municipalityCode: BENCH_MUNICIPALITY, count: LARGE_HOST_PLACEMENTS },
  );
}

interface Served {
  table: Table;
  counter: RoundTripCounter;
  gateway: Awaited<ReturnType<typeof createInProcessGateway>>;
}

async function serve(world: DemoWorld): Promise<Served> {
  const table = await createTestTable();
  await seedWorld(table.client, table.name, world);
  return {
    table,
    counter: countRoundTrips(table.client),
    gateway: await createInProcessGateway(table, () => new Date('2026-11-23T10:00:00Z')),
  };
}

/** The DynamoDB round trips of one operation, by command, through the whole federated system. */
async function roundTripsByCommand(
  served: Served,
  operation: BenchOperation,
): Promise<Record<string, number>> {
  served.counter.reset();
  const result = await served.gateway.execute(operation);
  expect(result.errors).toBeUndefined();
  // A change its rules refused costs less than the change: a mutation must have succeeded.
  for (const payload of Object.values(result.data ?? {})) {
    if (payload && typeof payload === 'object' && 'errors' in payload) {
      expect(payload.errors).toEqual([]);
    }
  }
  return served.counter.byCommand();
}

/** The DynamoDB round trips of one operation through the whole federated system. */
async function roundTripsOf(served: Served, operation: BenchOperation): Promise<number> {
  served.counter.reset();
  const result = await served.gateway.execute(operation);
  expect(result.errors).toBeUndefined();
  return served.counter.total();
}

describe('DynamoDB round trips of the benchmark operations, through the gateway', () => {
  let once: Served;
  let tenfold: Served;

  beforeAll(async () => {
    [once, tenfold] = await Promise.all([serve(benchWorld(1)), serve(benchWorld(10))]);
  });

  afterAll(async () => {
    await Promise.all([once, tenfold].map((served) => served?.gateway.stop()));
  });

  it('has every benchmark operation valid against the supergraph', () => {
    // Act
    const problems = operationProblems(ALL_OPERATIONS);
    // Assess
    expect(problems).toEqual([]);
  });

  it.each([
    ['placements of a company', placementList],
    ['young people of a municipality', youthListing],
    ['companies of a municipality', companyListing],
  ])('lists 100 %s in as many round trips as 10', async (_, list) => {
    // Prepare
    const ten = list(10);
    const hundred = list(100);
    // Act
    const forTen = await roundTripsByCommand(tenfold, ten);
    const forHundred = await roundTripsByCommand(tenfold, hundred);
    // Assess
    expect(forHundred).toEqual(forTen);
  });

  it.each(COUNTED_READS.map((operation) => [operation.key, operation] as const))(
    'answers %s in as many round trips on ten times the data',
    async (_, operation) => {
      // Act
      const small = await roundTripsByCommand(once, operation);
      const large = await roundTripsByCommand(tenfold, operation);
      // Assess
      expect(large).toEqual(small);
    },
  );

  it.each(COUNTED_READS.map((operation) => [operation.key, operation] as const))(
    'answers %s in the same round trips each time it is asked, cold or warm',
    async (_, operation) => {
      // Prepare: a gateway of its own on the demo's data, so that the first count is its first
      const served = {
        ...once,
        gateway: await createInProcessGateway(once.table, () => new Date('2026-11-23T10:00:00Z')),
      };
      try {
        // Act
        const counts = [];
        for (let run = 0; run < 3; run++) counts.push(await roundTripsByCommand(served, operation));
        // Assess: a lookup racing a list whose items it could take would count one or none
        expect(counts[1]).toEqual(counts[0]);
        expect(counts[2]).toEqual(counts[0]);
      } finally {
        await served.gateway.stop();
      }
    },
  );

  it.each(COUNTED_READS.map((operation) => [operation.key, operation] as const))(
    'answers %s within its round-trip budget',
    async (key, operation) => {
      // Prepare
      const budget = ROUND_TRIP_BUDGETS[key];
      // Act
      const roundTrips = await roundTripsOf(tenfold, operation);
      // Assess
      expect(budget).toBeDefined();
      expect(roundTrips).toBeLessThanOrEqual(budget as number);
    },
  );

  it.each(LOAD_MUTATIONS.map((operation) => [operation.key, operation] as const))(
    'makes the change %s within its round-trip budget: its facts read once, one commit',
    async (key, operation) => {
      // Prepare: the first request of a load run (its record at the version it was seeded at)
      const budget = MUTATION_ROUND_TRIP_BUDGETS[key];
      const first = { ...operation, variables: operation.variablesOf?.(0) ?? operation.variables };
      // Act
      const roundTrips = await roundTripsByCommand(once, first);
      // Assess
      expect(budget).toBeDefined();
      expect(Object.values(roundTrips).reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(
        budget as number,
      );
    },
  );
});
