import { beforeAll, describe, expect, it } from 'vitest';
import { createItemLoader } from '#kernel/entity-loader';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { loadOccupancy, loadYouthGuard } from '#placements/repository/placement-repository';
import { statusCountersKey } from '#placements/repository/placement-stats-entity';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { companyContactIdentity, staffIdentity, youthIdentity } from '../support/identities.ts';
import { givenHost, givenYoungPeople } from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

type Data = Record<
  string,
  { errors: unknown[] } & Record<string, { id: string } & Record<string, unknown>>
>;

describe('placements: from a wish to education (the issue’s journey)', () => {
  let table: Table;
  const at = (day: string) => new Date(`${day}T10:00:00Z`);

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(table, '540', ['y-ida']);
    await givenHost(table, 'c-smed', '540');
  });

  it("runs: the young person's wish, the team's placement, the company's view, the outcome EDUCATION", async () => {
    // Act 1: the young person wishes, in their own words
    const wished = await execute<Data>(
      server,
      testContext(table, youthIdentity('540', 'y-ida'), at('2026-11-02')),
      `mutation ($input: CreateWishInput!) { createWish(input: $input) {
        wish { id status rank motivation youth { id } company { id } opportunity { id } } errors { code }
      } }`,
      {
        input: {
          companyId: 'c-smed',
          opportunityId: 'c-smed-opp',
          rank: 1,
          motivation: 'Jeg vil være smed',
        },
      },
    );
    const wish = wished.data?.createWish?.wish;
    // Assess 1
    expect(wished.errors).toBeUndefined();
    expect(wish).toMatchObject({ status: 'OPEN', rank: 1, company: { id: 'c-smed' } });

    // Act 2: the company sees the wish addressed to it
    const seen = await execute(
      server,
      testContext(table, companyContactIdentity('c-smed'), at('2026-11-03')),
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Company { wishes { edges { node { id motivation } } } } } }`,
      { r: [{ __typename: 'Company', id: 'c-smed' }] },
    );
    // Assess 2
    expect(seen.errors).toBeUndefined();
    expect(seen.data?._entities).toEqual([
      { wishes: { edges: [{ node: { id: wish?.id, motivation: 'Jeg vil være smed' } }] } },
    ]);

    // Act 3: the team turns the wish into a placement
    const created = await execute<Data>(
      server,
      testContext(table, staffIdentity('540'), at('2026-11-09')),
      `mutation ($input: CreatePlacementInput!) { createPlacement(input: $input) {
        placement { id status endDate version origin { kind wish { id status } } } errors { code }
      } }`,
      {
        input: {
          youthId: 'y-ida',
          opportunityId: 'c-smed-opp',
          mentorContactId: 'c-smed-contact',
          startDate: '2026-11-09',
          weeklyHours: 30,
          wishId: wish?.id,
          plan: { goals: ['Blive smed'], tasks: ['Svejse'], support: ['Mentor hver dag'] },
        },
      },
    );
    const placement = created.data?.createPlacement?.placement;
    // Assess 3
    expect(created.errors).toBeUndefined();
    expect(created.data?.createPlacement?.errors).toEqual([]);
    expect(placement).toMatchObject({
      status: 'ACTIVE',
      endDate: '2027-02-09',
      origin: { kind: 'WISH', wish: { id: wish?.id, status: 'PLACED' } },
    });
    expect((await table.get(sharedKeys.youth('y-ida')))?.status).toBe('IN_PLACEMENT');

    // Act 4: the company contact sees the placement
    const hosted = await execute(
      server,
      testContext(table, companyContactIdentity('c-smed'), at('2026-11-10')),
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Company { placements { edges { node { id status youth { id } } } } } } }`,
      { r: [{ __typename: 'Company', id: 'c-smed' }] },
    );
    // Assess 4
    expect(hosted.errors).toBeUndefined();
    expect(hosted.data?._entities).toEqual([
      {
        placements: {
          edges: [{ node: { id: placement?.id, status: 'ACTIVE', youth: { id: 'y-ida' } } }],
        },
      },
    ]);

    // Act 5: the placement ends with the outcome EDUCATION
    const completed = await execute<Data>(
      server,
      testContext(table, staffIdentity('540'), at('2027-02-09')),
      `mutation ($input: CompletePlacementInput!) { completePlacement(input: $input) {
        placement { id status endDate outcome { kind date details { what where startDate } } } errors { code }
      } }`,
      {
        input: {
          placementId: placement?.id,
          expectedVersion: placement?.version,
          outcome: {
            kind: 'EDUCATION',
            date: '2027-02-09',
            details: { what: 'Smedeuddannelse', where: 'EUC Syd', startDate: '2027-02-22' },
          },
        },
      },
    );
    // Assess 5
    expect(completed.errors).toBeUndefined();
    expect(completed.data?.completePlacement?.placement).toMatchObject({
      status: 'COMPLETED',
      outcome: { kind: 'EDUCATION', details: { where: 'EUC Syd' } },
    });
    expect((await table.get(sharedKeys.youth('y-ida')))?.status).toBe('IN_EDUCATION');
    expect(await table.get(sharedKeys.youthCompanyLink('y-ida', 'c-smed'))).toBeUndefined();
    expect((await loadYouthGuard(createItemLoader(table), 'y-ida')).placements).toEqual({});
    expect((await loadOccupancy(createItemLoader(table), 'c-smed-opp')).placements).toEqual({});
    expect(await table.get(statusCountersKey('540'))).toMatchObject({ ACTIVE: 0, COMPLETED: 1 });

    // Act 6: the figures show it
    const stats = await execute(
      server,
      testContext(table, staffIdentity('540'), at('2027-02-10')),
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality {
        placementStats(period: { from: "2026-11-01", to: "2027-02-28" }) {
          active completed startedInPeriod completedInPeriod outcomesInPeriod { kind count }
        } } } }`,
      { r: [{ __typename: 'Municipality', code: '540' }] },
    );
    // Assess 6
    expect(stats.errors).toBeUndefined();
    expect(stats.data?._entities).toEqual([
      {
        placementStats: {
          active: 0,
          completed: 1,
          startedInPeriod: 1,
          completedInPeriod: 1,
          outcomesInPeriod: [
            { kind: 'EXTENDED', count: 0 },
            { kind: 'NEW_PLACEMENT', count: 0 },
            { kind: 'EDUCATION', count: 1 },
            { kind: 'JOB', count: 0 },
            { kind: 'PAUSE', count: 0 },
            { kind: 'DROPPED_OUT', count: 0 },
          ],
        },
      },
    ]);
  });
});
