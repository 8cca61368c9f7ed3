import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld, type DemoWorld } from '#infra/local/seed/demo-world';
import { countRoundTrips, type RoundTripCounter } from '#kernel/table/round-trips';
import { createInProcessGateway } from '../bench/federation/in-process-gateway.ts';
import type { BenchOperation } from '../bench/operations.ts';
import { seedWorld } from '../bench/world/data-sets.ts';
import { scaleWorld } from '../bench/world/scaled-world.ts';
import { createTableOnItsOwnDynamoDb } from '../support/table.ts';

const PERIOD = `(from: "2025-01-01", to: "2026-11-23")`;

/** The programme office's whole question: every municipality's figures and the total. */
const PROGRAMME_FIGURES: BenchOperation = {
  key: 'programmeFigures',
  title: 'Programme figures',
  document: `{
    municipalities {
      code
      youthStats${PERIOD} { total enrolledInPeriod leftForEducationOrJob fellBack
        followUps { monthsAfterEnrolment share } targets { intoEducationOrJob { met } } }
      companyStats${PERIOD} { active paused joinedInPeriod activeAtEndOfPeriod }
      networkStats${PERIOD} { sessionsHeld attendance { rate } suppressed }
      placementStats${PERIOD} { active startedInPeriod endedInPeriod leftForEducationOrJobShare
        retention { keptShare } firstPlacements medianDaysFromEnrolmentToFirstPlacement suppressed
        feedback { given ratings { count } meanRating } }
    }
    programmeStats${PERIOD} {
      youthStats { total enrolledInPeriod suppressed }
      companyStats { active joinedInPeriod }
      networkStats { sessionsHeld attendance { present rate } }
      placementStats { active startedInPeriod firstPlacements medianDaysFromEnrolmentToFirstPlacement
        feedback { side occasion given meanRating } }
    }
  }`,
  variables: {},
  as: { role: 'PROGRAMME' },
};

/** Counts the items DynamoDB returns to a client (BatchGetItem responses and Query items). */
function countItemsRead(client: DynamoDBClient): { total(): number; reset(): void } {
  let items = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const output = result.output as {
        Responses?: Record<string, unknown[]>;
        Items?: unknown[];
        Item?: unknown;
      };
      items += Object.values(output.Responses ?? {}).reduce((n, list) => n + list.length, 0);
      items += output.Items?.length ?? 0;
      items += output.Item ? 1 : 0;
      return result;
    },
    { step: 'initialize', name: 'programmeFiguresItemCounter', override: true },
  );
  return {
    total: () => items,
    reset: () => {
      items = 0;
    },
  };
}

interface Served {
  roundTrips: RoundTripCounter;
  items: ReturnType<typeof countItemsRead>;
  gateway: Awaited<ReturnType<typeof createInProcessGateway>>;
  stop(): Promise<void>;
}

async function serve(world: DemoWorld): Promise<Served> {
  const own = await createTableOnItsOwnDynamoDb();
  const { table } = own;
  await seedWorld(table.client, table.name, world);
  const gateway = await createInProcessGateway(table, () => new Date('2026-11-23T10:00:00Z'));
  return {
    roundTrips: countRoundTrips(table.client),
    items: countItemsRead(table.client),
    gateway,
    async stop() {
      await gateway.stop();
      await own.stop();
    },
  };
}

async function costOf(served: Served) {
  served.roundTrips.reset();
  served.items.reset();
  const result = await served.gateway.execute(PROGRAMME_FIGURES);
  expect(result.errors).toBeUndefined();
  return { byCommand: served.roundTrips.byCommand(), items: served.items.total(), result };
}

/**
 * How much larger the second world is. Twice is as telling as ten (a read that grows with the
 * data grows by the same factor, and the test asks for equal reads) and seeds in a fraction of
 * the time.
 */
const SCALE = 2;

describe('the programme figures of all four subgraphs read as many items for twice the young people', () => {
  let demo: Served;
  let scaled: Served;

  beforeAll(async () => {
    const base = buildDemoWorld();
    const municipalities = base.municipalities.map(({ code, name }) => [code, name] as const);
    [demo, scaled] = await Promise.all([
      serve(base),
      serve(scaleWorld(base, { municipalities, factor: SCALE })),
    ]);
  }, 600_000);

  afterAll(async () => {
    await Promise.all([demo, scaled].map((served) => served?.stop()));
  });

  it('reads the same items in the same round trips on the demo and on twice its size', async () => {
    // Act
    const small = await costOf(demo);
    const large = await costOf(scaled);
    // Assess
    expect(large.byCommand).toEqual(small.byCommand);
    expect(large.items).toBe(small.items);
    expect(small.byCommand.ScanCommand).toBeUndefined();
    const smallTotal = (small.result.data as { programmeStats: { youthStats: { total: number } } })
      .programmeStats.youthStats.total;
    const largeTotal = (large.result.data as { programmeStats: { youthStats: { total: number } } })
      .programmeStats.youthStats.total;
    // Published to the programme office: each of the five municipalities' six statuses rounded
    // to a multiple of 5 (within 2 of the count), the total their sum: within 60 of the count.
    const rounding = 2 * 6 * 5;
    expect(largeTotal % 5).toBe(0);
    expect(Math.abs(largeTotal - SCALE * smallTotal)).toBeLessThanOrEqual((SCALE + 1) * rounding);
    expect(largeTotal).toBeGreaterThan((SCALE - 1) * smallTotal);
    type Placements = { programmeStats: { placementStats: { startedInPeriod: number } } };
    const smallStarted = (small.result.data as Placements).programmeStats.placementStats
      .startedInPeriod;
    const largeStarted = (large.result.data as Placements).programmeStats.placementStats
      .startedInPeriod;
    expect(smallStarted).toBeGreaterThan(0);
    expect(largeStarted).toBeGreaterThan(smallStarted);
  });
});
