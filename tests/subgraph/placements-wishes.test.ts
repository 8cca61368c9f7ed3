import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS, PROGRAMME_WIDE_REFUSALS } from '#kernel/audit';
import { newId } from '#kernel/keys';
import type { Table } from '#kernel/table/table';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import {
  aHost,
  changedItems,
  entitiesQuery,
  givenHosts,
  givenYoungPeople,
  representation,
  withOpportunity,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const CREATE = `mutation ($input: CreateWishInput!) { createWish(input: $input) {
  wish { id status rank motivation version youth { id } company { id } opportunity { id } } errors { code message path }
} }`;
const WITHDRAW = `mutation ($input: WithdrawWishInput!) { withdrawWish(input: $input) {
  wish { id status version } errors { code message }
} }`;

type WishResult = {
  createWish: {
    wish: { id: string; status: string; version: number } | null;
    errors: Array<{ code: string }>;
  };
};

describe('placements subgraph: wishes', () => {
  let table: Table;
  const as = (identity: Parameters<typeof testContext>[1]) => testContext(table, identity);
  const wish = (identity: Parameters<typeof testContext>[1], input: Record<string, unknown>) =>
    execute<WishResult>(server, as(identity), CREATE, {
      input: { rank: 1, motivation: 'Jeg kan lide dyr', ...input },
    });
  let idaWish: string;

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(table, '265', ['y-ida', 'y-bo', 'y-eva']);
    await givenYoungPeople(table, '101', ['y-cph']);
    await givenHosts(
      table,
      withOpportunity(aHost('c-1', '265'), 'c-1-closed', { open: false }),
      aHost('c-2', '265'),
      aHost('c-paused', '265', { status: 'PAUSED' }),
      aHost('c-cph', '101'),
    );
    const created = await wish(youthIdentity('265', 'y-ida'), {
      companyId: 'c-1',
      opportunityId: 'c-1-opp',
    });
    idaWish = created.data?.createWish.wish?.id as string;
  });

  it("makes a young person's own wish, in their own words", async () => {
    // Act
    const result = await wish(youthIdentity('265', 'y-ida'), {
      companyId: 'c-2',
      rank: 2,
      motivation: 'Tæt på',
    });
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?.createWish).toMatchObject({
      wish: {
        status: 'OPEN',
        rank: 2,
        motivation: 'Tæt på',
        youth: { id: 'y-ida' },
        company: { id: 'c-2' },
        opportunity: null,
      },
      errors: [],
    });
  });

  it("lets the team record a wish on a young person's behalf", async () => {
    // Act
    const result = await wish(staffIdentity('265'), { youthId: 'y-bo', companyId: 'c-1' });
    // Assess
    expect(result.data?.createWish).toMatchObject({
      wish: { status: 'OPEN', youth: { id: 'y-bo' } },
      errors: [],
    });
  });

  it.each([
    [
      'for a company in another municipality, as for none',
      { companyId: 'c-cph' },
      'COMPANY_NOT_FOUND',
    ],
    ['for a paused company', { companyId: 'c-paused' }, 'COMPANY_NOT_ACTIVE'],
    [
      'for a closed opportunity',
      { companyId: 'c-1', opportunityId: 'c-1-closed' },
      'OPPORTUNITY_CLOSED',
    ],
    [
      "for another company's opportunity",
      { companyId: 'c-2', opportunityId: 'c-1-opp' },
      'OPPORTUNITY_NOT_AT_COMPANY',
    ],
    ['for a company that does not exist', { companyId: 'c-none' }, 'COMPANY_NOT_FOUND'],
    ['already made', { companyId: 'c-1', opportunityId: 'c-1-opp' }, 'DUPLICATE_WISH'],
  ])('refuses a wish %s with a user error', async (_what, input, code) => {
    // Act
    const result = await wish(youthIdentity('265', 'y-ida'), input);
    // Assess
    expect(result.data?.createWish).toMatchObject({ wish: null, errors: [{ code }] });
  });

  it.each([
    [
      "another young person's wish",
      youthIdentity('265', 'y-bo'),
      { youthId: 'y-ida', companyId: 'c-2' },
    ],
    [
      'a wish by a company contact',
      companyContactIdentity('c-1'),
      { youthId: 'y-ida', companyId: 'c-1' },
    ],
    ['a wish by the programme office', programmeIdentity(), { youthId: 'y-ida', companyId: 'c-2' }],
  ])('refuses %s', async (_what, identity, input) => {
    // Act
    const result = await wish(identity, input);
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it('answers a wish by the team of another municipality as one for an unknown young person, writes nothing and audits it', async () => {
    // Prepare
    const nobody = newId();
    const before = await changedItems(table);
    // Act
    const real = await wish(staffIdentity('101'), { youthId: 'y-ida', companyId: 'c-2' });
    const unknown = await wish(staffIdentity('101'), { youthId: nobody, companyId: 'c-2' });
    // Assess: a stranger to the young person hears what an unknown id gets (#18, class 7)
    expect(errorCodes(real)).toEqual([]);
    expect(real.data?.createWish.wish).toBeNull();
    expect(real.data?.createWish.errors).toHaveLength(1);
    expect(alike(real, 'y-ida', unknown, nobody)).toBe(true);
    expect(await changedItems(table)).toEqual(before);
    expect(await strangerRefusals('Mutation.createWish')).not.toHaveLength(0);
  });

  it('rejects a rank out of range and a team wish without the young person', async () => {
    // Act
    const rank = await wish(youthIdentity('265', 'y-ida'), { companyId: 'c-2', rank: 0 });
    const nobody = await wish(staffIdentity('265'), { companyId: 'c-2' });
    // Assess
    expect(errorCodes(rank)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(nobody)).toEqual(['BAD_USER_INPUT']);
  });

  it('lists the young person their wishes in rank order, and the company those addressed to it', async () => {
    // Act
    const mine = await execute(
      server,
      as(youthIdentity('265', 'y-ida')),
      entitiesQuery('Youth', 'wishes { edges { node { rank company { id } } } }'),
      {
        representations: [representation('Youth', 'y-ida')],
      },
    );
    const theirs = await execute(
      server,
      as(companyContactIdentity('c-1')),
      entitiesQuery('Company', 'wishes { edges { node { youth { id } } } }'),
      {
        representations: [representation('Company', 'c-1')],
      },
    );
    // Assess
    expect(mine.errors).toBeUndefined();
    expect(mine.data?._entities).toEqual([
      {
        wishes: {
          edges: [
            { node: { rank: 1, company: { id: 'c-1' } } },
            { node: { rank: 2, company: { id: 'c-2' } } },
          ],
        },
      },
    ]);
    expect(theirs.errors).toBeUndefined();
    // Both wishes were made at the same test instant, so their order is the ids' and not asserted.
    type CompanyWishes = { wishes: { edges: Array<{ node: { youth: { id: string } } }> } };
    const entities = (theirs.data?._entities ?? []) as CompanyWishes[];
    const edges = entities[0]?.wishes.edges;
    expect(edges?.map((edge) => edge.node.youth.id).sort()).toEqual(['y-bo', 'y-ida']);
  });

  it.each([
    // None of them is a party to the wish, and the rule lets each through for an id of nothing:
    // each hears what an unknown wish gets, null without an error (#18, class 7).
    ['another young person', youthIdentity('265', 'y-bo')],
    ['a company it is not addressed to', companyContactIdentity('c-2')],
    ['the team of another municipality', staffIdentity('101')],
    ['the programme office', programmeIdentity()],
  ])('refuses %s the wish, as an unknown one', async (_who, identity) => {
    // Prepare
    const query = 'query ($id: ID!) { wish(id: $id) { id motivation } }';
    const nobody = newId();
    // Act
    const result = await execute(server, as(identity), query, { id: idaWish });
    const unknown = await execute(server, as(identity), query, { id: nobody });
    // Assess
    expect(result.data?.wish).toBeNull();
    expect(errorCodes(result)).toEqual([]);
    expect(alike(result, idaWish, unknown, nobody)).toBe(true);
    expect(JSON.stringify(result)).not.toContain('dyr');
  });

  it.each([
    ['another young person', youthIdentity('265', 'y-bo'), 'Youth', 'y-ida'],
    ['a contact of another company', companyContactIdentity('c-2'), 'Company', 'c-1'],
    ['the team of another municipality', staffIdentity('101'), 'Company', 'c-1'],
  ])('refuses %s the list of wishes', async (_who, identity, typename, id) => {
    // Act
    const result = await execute(
      server,
      as(identity),
      entitiesQuery(typename, 'wishes { edges { node { id } } }'),
      {
        representations: [representation(typename, id)],
      },
    );
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it('withdraws a wish for the young person, once', async () => {
    // Act
    const first = await execute(server, as(youthIdentity('265', 'y-ida')), WITHDRAW, {
      input: { wishId: idaWish, expectedVersion: 1 },
    });
    const again = await execute(server, as(youthIdentity('265', 'y-ida')), WITHDRAW, {
      input: { wishId: idaWish, expectedVersion: 2 },
    });
    // Assess
    expect(first.data?.withdrawWish).toEqual({
      wish: { id: idaWish, status: 'WITHDRAWN', version: 2 },
      errors: [],
    });
    expect(again.data?.withdrawWish).toMatchObject({
      wish: null,
      errors: [{ code: 'WISH_NOT_OPEN' }],
    });
  });

  it('refuses a company contact to withdraw the wish', async () => {
    // Act
    const result = await execute(server, as(companyContactIdentity('c-1')), WITHDRAW, {
      input: { wishId: idaWish, expectedVersion: 2 },
    });
    // Assess: a company withdraws no wish, whatever the id
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it.each([
    // Strangers to the wish, whom the rule lets withdraw their own or their municipality's: they
    // hear what an unknown wish gets, the payload's not-found error (#18, class 7).
    ['another young person', youthIdentity('265', 'y-bo')],
    ['the team of another municipality', staffIdentity('101')],
  ])(
    'refuses %s to withdraw the wish, as an unknown one, and audits it',
    async (_who, identity) => {
      // Prepare
      const nobody = newId();
      const before = await changedItems(table);
      const refusedBefore = (await strangerRefusals('Mutation.withdrawWish')).length;
      // Act
      const result = await execute(server, as(identity), WITHDRAW, {
        input: { wishId: idaWish, expectedVersion: 2 },
      });
      const unknown = await execute(server, as(identity), WITHDRAW, {
        input: { wishId: nobody, expectedVersion: 2 },
      });
      // Assess
      expect(errorCodes(result)).toEqual([]);
      expect(result.data?.withdrawWish).toMatchObject({ wish: null, errors: [{}] });
      expect(alike(result, idaWish, unknown, nobody)).toBe(true);
      expect(await changedItems(table)).toEqual(before);
      expect((await strangerRefusals('Mutation.withdrawWish')).length).toBe(refusedBefore + 1);
    },
  );
  describe('sent again, or on a stale version', () => {
    it('answers a repeat of a wish with the same idempotency key with the first wish and writes nothing', async () => {
      // Prepare
      const input = { companyId: 'c-2', idempotencyKey: 'wish-eva-c-2' };
      const first = await wish(youthIdentity('265', 'y-eva'), input);
      const items = (await changedItems(table)).length;
      // Act
      const again = await wish(youthIdentity('265', 'y-eva'), input);
      // Assess
      expect(first.data?.createWish.errors).toEqual([]);
      expect(again.data?.createWish).toEqual(first.data?.createWish);
      expect((await changedItems(table)).length).toBe(items);
    });

    it('refuses the same key with another wish with IDEMPOTENCY_KEY_REUSED and writes nothing', async () => {
      // Prepare
      await wish(youthIdentity('265', 'y-eva'), { companyId: 'c-1', idempotencyKey: 'wish-eva-2' });
      const items = (await changedItems(table)).length;
      // Act
      const reused = await wish(youthIdentity('265', 'y-eva'), {
        companyId: 'c-1',
        rank: 3,
        idempotencyKey: 'wish-eva-2',
      });
      // Assess
      expect(errorCodes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
      expect((await changedItems(table)).length).toBe(items);
    });

    it('refuses to withdraw a wish on a stale version with CONFLICT naming the current one, writing nothing', async () => {
      // Prepare
      const made = await wish(youthIdentity('265', 'y-bo'), { companyId: 'c-2', rank: 4 });
      const wishId = made.data?.createWish.wish?.id as string;
      const items = await changedItems(table);
      // Act
      const stale = await execute(server, as(youthIdentity('265', 'y-bo')), WITHDRAW, {
        input: { wishId, expectedVersion: 0 },
      });
      // Assess
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
      expect(await changedItems(table)).toEqual(items);
    });

    it("records each change of a wish in the young person's audit trail", async () => {
      // Prepare
      const made = await wish(staffIdentity('265'), {
        youthId: 'y-eva',
        companyId: 'c-1',
        opportunityId: 'c-1-opp',
        rank: 5,
      });
      const wishId = made.data?.createWish.wish?.id as string;
      const before = await changesOf('y-eva');
      // Act
      await execute(server, as(staffIdentity('265')), WITHDRAW, {
        input: { wishId, expectedVersion: 1 },
      });
      // Assess
      expect(made.data?.createWish.errors).toEqual([]);
      expect(before).toContain('Mutation.createWish');
      // One test instant: the records' order is their ids', so they are compared sorted.
      expect((await changesOf('y-eva')).sort()).toEqual(
        [...before, 'Mutation.withdrawWish'].sort(),
      );
    });
  });

  /** Whether two answers are the same but for the id each was sent. */
  function alike(a: unknown, aId: string, b: unknown, bId: string): boolean {
    return JSON.stringify(a).replaceAll(aId, 'ID') === JSON.stringify(b).replaceAll(bId, 'ID');
  }

  /** The refusals of a field answered to a stranger as an id of nothing (#18, class 7). */
  async function strangerRefusals(target: string) {
    const partitions = ['265', '101', PROGRAMME_WIDE_REFUSALS].map(AUDIT_KEYS.refusedPartition);
    const items = (
      await Promise.all(partitions.map((partition) => table.queryAll({ index: 'gsi1', partition })))
    ).flat();
    return items.filter(
      (item) =>
        item.action === 'REFUSED' &&
        item.target === target &&
        String(item.reason).endsWith('answered as an id of nothing)'),
    );
  }

  async function changesOf(youthId: string): Promise<string[]> {
    const trail = await table.queryAll({ partition: AUDIT_KEYS.youthPartition(youthId) });
    return trail.filter((item) => item.action === 'CHANGE').map((item) => String(item.target));
  }
});
