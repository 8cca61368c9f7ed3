import { beforeAll, describe, expect, it } from 'vitest';
import { createItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import { loadCompanyOccupancy } from '#placements/repository/placement-repository';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import {
  aHost,
  aPlacement,
  changedItems,
  createPlacementInput,
  givenHosts,
  givenPlacements,
  givenYoungPeople,
  withOpportunity,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const CREATE = `mutation ($input: CreatePlacementInput!) {
  createPlacement(input: $input) { placement { id } errors { code message path } }
}`;

type Errors = Array<{ code: string; message: string; path: string[] | null }>;

type Outcome = {
  data?: {
    createPlacement: {
      placement: { id: string } | null;
      errors: Array<{ code: string; message: string; path: string[] | null }>;
    };
  } | null;
  errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }>;
};

const ROUNDS = 5;

describe('placements: rimelighedskravet at createPlacement (DynamoDB Local)', () => {
  let table: Table;
  const create = (youthId: string, companyId: string, opportunityId: string, startDate: string) =>
    execute(server, testContext(table, staffIdentity('630')), CREATE, {
      input: createPlacementInput(youthId, companyId, { opportunityId, startDate }),
    }) as Promise<Outcome>;

  beforeAll(async () => {
    table = await createTestTable();
    const rounds = Array.from({ length: ROUNDS }, (_, r) => r);
    // Companies of four ordinary employees (one young person at once) with two opportunities
    // of two places each: the opportunities have room, the company does not.
    const small = (id: string, employees: number | null) =>
      withOpportunity(aHost(id, '630', { places: 2, employees }), `${id}-opp2`, { places: 2 });
    await givenHosts(
      table,
      ...rounds.map((r) => small(`c-race-${r}`, 4)),
      small('c-four', 4),
      small('c-untold', null),
      small('c-ten', 10),
      small('c-ext', 4),
    );
    await givenYoungPeople(table, '630', ['y-run'], 'IN_PLACEMENT');
    await givenYoungPeople(table, '630', ['y-later']);
    // A company of four: one placement under way until New Year, the next planned after it.
    await givenPlacements(table, [
      aPlacement({
        id: 'p-run',
        municipalityCode: '630',
        youthId: 'y-run',
        companyId: 'c-ext',
        startDate: '2026-10-01',
        endDate: '2026-12-31',
      }),
      aPlacement({
        id: 'p-later',
        municipalityCode: '630',
        youthId: 'y-later',
        companyId: 'c-ext',
        opportunityId: 'c-ext-opp2',
        status: 'PLANNED',
        startDate: '2027-01-15',
        endDate: '2027-04-14',
      }),
    ]);
    await givenYoungPeople(table, '630', [
      ...rounds.flatMap((r) => [`y-a-${r}`, `y-b-${r}`]),
      'y-1',
      'y-2',
      'y-3',
      'y-4',
      'y-5',
      'y-6',
      'y-7',
      'y-8',
    ]);
  });

  it('refuses a second young person at once at a company of four, naming the limit and the rule, and writes nothing', async () => {
    // Prepare
    const first = await create('y-1', 'c-four', 'c-four-opp', '2026-12-01');
    expect(first.data?.createPlacement.placement).not.toBeNull();
    const before = await changedItems(table);
    // Act: another opportunity of the same company, overlapping
    const second = await create('y-2', 'c-four', 'c-four-opp2', '2027-01-04');
    // Assess
    expect(second.data?.createPlacement.placement).toBeNull();
    const [error] = second.data?.createPlacement.errors ?? [];
    expect(error?.code).toBe('COMPANY_RATIO_EXCEEDED');
    expect(error?.path).toEqual(['opportunityId']);
    expect(error?.message).toContain('at most 1 person');
    expect(error?.message).toContain('BEK nr. 2636');
    expect(await changedItems(table)).toEqual(before);
  });

  it('lets the company take the next young person once the period is free', async () => {
    // Act: after the first placement's three months
    const later = await create('y-3', 'c-four', 'c-four-opp2', '2027-06-01');
    // Assess
    expect(later.data?.createPlacement.errors).toEqual([]);
  });

  it('allows one at a time at a company that has not told its size', async () => {
    // Act
    const first = await create('y-4', 'c-untold', 'c-untold-opp', '2026-12-01');
    const second = await create('y-5', 'c-untold', 'c-untold-opp2', '2026-12-01');
    // Assess
    expect(first.data?.createPlacement.errors).toEqual([]);
    expect(second.data?.createPlacement.errors[0]?.code).toBe('COMPANY_RATIO_EXCEEDED');
  });

  it('allows two at once at a company of ten, not three', async () => {
    // Act
    const outcomes = [
      await create('y-6', 'c-ten', 'c-ten-opp', '2026-12-01'),
      await create('y-7', 'c-ten', 'c-ten-opp2', '2026-12-01'),
      await create('y-8', 'c-ten', 'c-ten-opp2', '2026-12-01'),
    ];
    // Assess
    expect(outcomes.map((o) => o.data?.createPlacement.errors[0]?.code ?? null)).toEqual([
      null,
      null,
      'COMPANY_RATIO_EXCEEDED',
    ]);
  });

  it("refuses an extension into the period of the company's next placement, and allows one short of it", async () => {
    // Prepare
    const extend = (newEndDate: string, expectedVersion: number) =>
      execute<{ extendPlacement: { placement: { endDate: string } | null; errors: Errors } }>(
        server,
        testContext(table, staffIdentity('630')),
        `mutation ($input: ExtendPlacementInput!) { extendPlacement(input: $input) {
          placement { endDate } errors { code message path } } }`,
        {
          input: {
            placementId: 'p-run',
            newEndDate,
            date: '2026-11-25',
            individualAssessment: true,
            expectedVersion,
          },
        },
      );
    // Act
    const into = await extend('2027-02-01', 1);
    const short = await extend('2027-01-14', 1);
    // Assess
    expect(into.data?.extendPlacement.errors.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'COMPANY_RATIO_EXCEEDED', path: ['newEndDate'] },
    ]);
    expect(short.data?.extendPlacement).toEqual({
      placement: { endDate: '2027-01-14' },
      errors: [],
    });
  });

  it('lets exactly one of two concurrent placements at two opportunities take the last slot of the company', async () => {
    for (let r = 0; r < ROUNDS; r++) {
      // Act
      const outcomes = await Promise.all([
        create(`y-a-${r}`, `c-race-${r}`, `c-race-${r}-opp`, '2026-12-01'),
        create(`y-b-${r}`, `c-race-${r}`, `c-race-${r}-opp2`, '2026-12-01'),
      ]);
      // Assess
      const winners = outcomes.filter((o) => o.data?.createPlacement.placement);
      const losers = outcomes.filter((o) => !o.data?.createPlacement.placement);
      expect(winners).toHaveLength(1);
      // The loser re-reads what the winner wrote and gets the rule's own error.
      expect(losers[0]?.data?.createPlacement.errors[0]?.code).toBe('COMPANY_RATIO_EXCEEDED');
      const occupancy = await loadCompanyOccupancy(createItemLoader(table), `c-race-${r}`);
      expect(Object.keys(occupancy.placements)).toEqual([
        winners[0]?.data?.createPlacement.placement?.id,
      ]);
    }
  });
});
