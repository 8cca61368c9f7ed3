import { beforeAll, describe, expect, it } from 'vitest';
import { createItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import { loadOccupancy, loadYouthGuard } from '#placements/repository/placement-repository';
import { statusCountersKey } from '#placements/repository/placement-stats-entity';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import {
  aHost,
  createPlacementInput,
  givenHosts,
  givenYoungPeople,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const CREATE = `mutation ($input: CreatePlacementInput!) {
  createPlacement(input: $input) { placement { id } errors { code } }
}`;

type Outcome = {
  data?: {
    createPlacement: { placement: { id: string } | null; errors: Array<{ code: string }> };
  } | null;
  errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }>;
};

function createAt(
  table: Table,
  youthId: string,
  companyId: string,
  startDate: string,
  idempotencyKey?: string,
) {
  return execute(server, testContext(table, staffIdentity('630')), CREATE, {
    input: createPlacementInput(youthId, companyId, {
      startDate,
      weeklyHours: 20,
      plan: { goals: ['Prøve faget'], tasks: ['Værkstedet'] },
      ...(idempotencyKey ? { idempotencyKey } : {}),
    }),
  }) as Promise<Outcome>;
}

/** What went wrong for a loser: its rule's code, or the GraphQL error's code. */
function failureOf(outcome: Outcome): unknown {
  return outcome.data?.createPlacement.errors[0]?.code ?? outcome.errors?.[0]?.extensions?.code;
}

const ROUNDS = 5;

describe('placements: multi-record rules hold under concurrency (DynamoDB Local)', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    const rounds = Array.from({ length: ROUNDS }, (_, r) => r);
    await givenHosts(
      table,
      ...rounds.flatMap((r) => [
        aHost(`c-full-${r}`, '630', { places: 1 }),
        aHost(`c-x-${r}`, '630'),
        aHost(`c-y-${r}`, '630'),
      ]),
    );
    await givenYoungPeople(
      table,
      '630',
      rounds.flatMap((r) => [`y-a-${r}`, `y-b-${r}`, `y-busy-${r}`, `y-retry-${r}`]),
    );
  });

  it('lets exactly one of two concurrent placements take the last place of an opportunity', async () => {
    for (let r = 0; r < ROUNDS; r++) {
      // Act
      const outcomes = await Promise.all([
        createAt(table, `y-a-${r}`, `c-full-${r}`, '2026-11-26'),
        createAt(table, `y-b-${r}`, `c-full-${r}`, '2026-12-01'),
      ]);
      // Assess
      const winners = outcomes.filter((o) => o.data?.createPlacement.placement);
      const losers = outcomes.filter((o) => !o.data?.createPlacement.placement);
      expect(winners).toHaveLength(1);
      // The loser re-reads what the winner wrote and gets the rule's own error.
      expect(failureOf(losers[0] as Outcome)).toBe('OPPORTUNITY_FULL');
      const occupancy = await loadOccupancy(createItemLoader(table), `c-full-${r}-opp`);
      expect(Object.keys(occupancy.placements)).toEqual([
        winners[0]?.data?.createPlacement.placement?.id,
      ]);
    }
  });

  it('lets exactly one of two concurrent, overlapping placements of one young person through', async () => {
    for (let r = 0; r < ROUNDS; r++) {
      // Act
      const outcomes = await Promise.all([
        createAt(table, `y-busy-${r}`, `c-x-${r}`, '2026-11-26'),
        createAt(table, `y-busy-${r}`, `c-y-${r}`, '2026-12-15'),
      ]);
      // Assess
      const winners = outcomes.filter((o) => o.data?.createPlacement.placement);
      const losers = outcomes.filter((o) => !o.data?.createPlacement.placement);
      expect(winners).toHaveLength(1);
      expect(failureOf(losers[0] as Outcome)).toBe('OVERLAPPING_PLACEMENT');
      const guard = await loadYouthGuard(createItemLoader(table), `y-busy-${r}`);
      expect(Object.keys(guard.placements)).toHaveLength(1);
    }
  });

  it('lets concurrent retries of one placement with one idempotency key make it once, all answering alike', async () => {
    for (let r = 0; r < ROUNDS; r++) {
      // Act
      const outcomes = await Promise.all(
        Array.from({ length: 3 }, () =>
          createAt(table, `y-retry-${r}`, `c-x-${r}`, '2027-06-01', `retry-${r}`),
        ),
      );
      // Assess
      const ids = outcomes.map((o) => o.data?.createPlacement.placement?.id);
      expect(outcomes.map((o) => o.errors)).toEqual([undefined, undefined, undefined]);
      expect(new Set(ids).size).toBe(1);
      const guard = await loadYouthGuard(createItemLoader(table), `y-retry-${r}`);
      expect(Object.keys(guard.placements)).toEqual([ids[0]]);
    }
  });

  it('keeps the counters equal to the placements written', async () => {
    // Act
    const counters = await table.get(statusCountersKey('630'));
    // Assess
    expect(
      ((counters?.ACTIVE as number | undefined) ?? 0) +
        ((counters?.PLANNED as number | undefined) ?? 0),
    ).toBe(ROUNDS * 3);
  });
});
