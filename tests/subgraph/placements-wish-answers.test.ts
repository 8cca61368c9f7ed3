import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS, PROGRAMME_WIDE_REFUSALS } from '#kernel/audit';
import { newId } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
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
import { givenMunicipalities } from '../support/people-factories.ts';
import {
  aHost,
  changedItems,
  entitiesQuery,
  givenHosts,
  givenYoungPeople,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const CREATE = `mutation ($input: CreateWishInput!) { createWish(input: $input) {
  wish { id } errors { code }
} }`;
const RESPOND = `mutation ($input: RespondToWishInput!) { respondToWish(input: $input) {
  wish { id status version answer { kind message answeredAt invitation { id status message youth { id } company { id } } } }
  errors { code message path }
} }`;
const WITHDRAW = `mutation ($input: WithdrawWishInput!) { withdrawWish(input: $input) {
  wish { id status } errors { code }
} }`;
const STATS = entitiesQuery(
  'Municipality',
  'placementStats(from: "2026-11-01", to: "2026-11-30") { wishAnswers { made answered invited declined answeredShare invitedShare } }',
);

type Identity = Parameters<typeof testContext>[1];
type Answer = {
  respondToWish: {
    wish: {
      id: string;
      status: string;
      version: number;
      answer: {
        kind: string;
        message: string;
        invitation: { id: string; status: string; message: string } | null;
      } | null;
    } | null;
    errors: Array<{ code: string; message: string }>;
  };
};

/** A respondToWish input: an invitation with a message unless overridden. */
function respondToWishInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    answer: 'INVITE',
    message: 'Tak for dit ønske! Kom og prøv en uge hos os.',
    expectedVersion: 1,
    ...overrides,
  };
}

describe('placements subgraph: a company answers a wish (respondToWish)', () => {
  let table: Table;
  const as = (identity: Identity) => testContext(table, identity);
  const respond = (identity: Identity, input: Record<string, unknown>) =>
    execute<Answer>(server, as(identity), RESPOND, { input: respondToWishInput(input) });
  /** An open wish of a young person of Roskilde for a company. */
  const aWish = async (youthId: string, companyId: string): Promise<string> => {
    const made = await execute<{ createWish: { wish: { id: string } | null } }>(
      server,
      as(youthIdentity('265', youthId)),
      CREATE,
      { input: { companyId, rank: 1, motivation: 'Jeg vil gerne lære faget' } },
    );
    const id = made.data?.createWish.wish?.id;
    if (!id) throw new Error(`no wish made: ${JSON.stringify(made)}`);
    return id;
  };
  const linkOf = (youthId: string, companyId: string) =>
    table.get(sharedKeys.youthCompanyLink(youthId, companyId));

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenYoungPeople(table, '265', ['y-ida', 'y-bo', 'y-eva', 'y-aya', 'y-liv']);
    await givenHosts(table, aHost('c-1', '265'), aHost('c-2', '265'), aHost('c-cph', '101'));
  });

  it("invites the young person in answer to their wish: the wish shows the answer and the invitation it made, which the company's contacts then see", async () => {
    // Prepare
    const wishId = await aWish('y-ida', 'c-1');
    // Act
    const result = await respond(companyContactIdentity('c-1'), { wishId, answerWithinDays: 10 });
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?.respondToWish).toMatchObject({
      wish: {
        id: wishId,
        status: 'INVITED',
        version: 2,
        answer: {
          kind: 'INVITE',
          message: 'Tak for dit ønske! Kom og prøv en uge hos os.',
          answeredAt: '2026-11-26T10:00:00.000Z',
          invitation: {
            status: 'PENDING',
            message: 'Tak for dit ønske! Kom og prøv en uge hos os.',
            youth: { id: 'y-ida' },
            company: { id: 'c-1' },
          },
        },
      },
      errors: [],
    });
    const invitationId = result.data?.respondToWish.wish?.answer?.invitation?.id as string;
    const link = await linkOf('y-ida', 'c-1');
    // The invitation ties them now, the answered wish no longer does.
    expect([...((link?.reasons ?? []) as Set<string>)]).toEqual([
      `INVITATION#${invitationId}#UNTIL#2026-12-06T10:00:00.000Z`,
    ]);
  });

  it('shows the young person the kind no and its words on their wish, and no longer ties them to the company', async () => {
    // Prepare
    const wishId = await aWish('y-bo', 'c-2');
    // Act
    const declined = await respond(companyContactIdentity('c-2'), {
      wishId,
      answer: 'DECLINE',
      message: 'Vi har ikke plads lige nu, men kom til næste matchdag.',
    });
    const seen = await execute(
      server,
      as(youthIdentity('265', 'y-bo')),
      'query ($id: ID!) { wish(id: $id) { status answer { kind message invitation { id } } } }',
      { id: wishId },
    );
    // Assess
    expect(declined.data?.respondToWish.errors).toEqual([]);
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.wish).toEqual({
      status: 'DECLINED',
      answer: {
        kind: 'DECLINE',
        message: 'Vi har ikke plads lige nu, men kom til næste matchdag.',
        invitation: null,
      },
    });
    expect(await linkOf('y-bo', 'c-2')).toBeUndefined();
  });

  it("lets the team answer on the company's behalf", async () => {
    // Prepare
    const wishId = await aWish('y-eva', 'c-2');
    // Act
    const result = await respond(staffIdentity('265'), { wishId, answer: 'DECLINE' });
    // Assess
    expect(result.data?.respondToWish).toMatchObject({
      wish: { status: 'DECLINED' },
      errors: [],
    });
  });

  it.each([
    ['DECLINE', 'INVITE', 'c-1'],
    ['INVITE', 'DECLINE', 'c-2'],
  ])(
    'refuses a second answer (%s after %s) with WISH_ALREADY_ANSWERED and writes nothing',
    async (second, first, companyId) => {
      // Prepare
      const wishId = await aWish('y-aya', companyId);
      await respond(companyContactIdentity(companyId), { wishId, answer: first });
      const before = await changedItems(table);
      // Act
      const again = await respond(staffIdentity('265'), {
        wishId,
        answer: second,
        expectedVersion: 2,
      });
      // Assess
      expect(again.data?.respondToWish).toMatchObject({
        wish: null,
        errors: [{ code: 'WISH_ALREADY_ANSWERED' }],
      });
      expect(await changedItems(table)).toEqual(before);
    },
  );

  it('refuses an answer on a stale version with CONFLICT naming the current one, writing nothing', async () => {
    // Prepare
    const wishId = await aWish('y-liv', 'c-2');
    const before = await changedItems(table);
    // Act
    const stale = await respond(companyContactIdentity('c-2'), { wishId, expectedVersion: 0 });
    // Assess
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    expect(await changedItems(table)).toEqual(before);
    await execute(server, as(youthIdentity('265', 'y-liv')), WITHDRAW, {
      input: { wishId, expectedVersion: 1 },
    });
  });

  it('refuses to answer a withdrawn wish with WISH_NOT_OPEN', async () => {
    // Prepare
    const wishId = await aWish('y-liv', 'c-1');
    await execute(server, as(youthIdentity('265', 'y-liv')), WITHDRAW, {
      input: { wishId, expectedVersion: 1 },
    });
    // Act
    const result = await respond(companyContactIdentity('c-1'), { wishId, expectedVersion: 2 });
    // Assess
    expect(result.data?.respondToWish).toMatchObject({
      wish: null,
      errors: [{ code: 'WISH_NOT_OPEN' }],
    });
  });

  it.each([
    ['an empty message', { message: '   ' }],
    ['a message over 2000 characters', { message: 'a'.repeat(2001) }],
    ['an answer time on a decline', { answer: 'DECLINE', answerWithinDays: 5 }],
    ['an answer time of 0 days', { answerWithinDays: 0 }],
  ])('rejects %s with BAD_USER_INPUT and writes nothing', async (_what, input) => {
    // Prepare
    const wishId = await aWish('y-liv', 'c-2');
    const before = await changedItems(table);
    // Act
    const result = await respond(companyContactIdentity('c-2'), { wishId, ...input });
    // Assess
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(await changedItems(table)).toEqual(before);
    await execute(server, as(youthIdentity('265', 'y-liv')), WITHDRAW, {
      input: { wishId, expectedVersion: 1 },
    });
  });

  describe('who may answer', () => {
    let wishId: string;

    beforeAll(async () => {
      wishId = await aWish('y-eva', 'c-1');
    });

    it.each([
      ['the young person who wished', youthIdentity('265', 'y-eva')],
      ['another young person', youthIdentity('265', 'y-bo')],
      ['the programme office', programmeIdentity()],
    ])('refuses %s (FORBIDDEN) and writes nothing', async (_who, identity) => {
      // Prepare
      const before = await changedItems(table);
      // Act
      const result = await respond(identity, { wishId });
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(await changedItems(table)).toEqual(before);
    });

    it.each([
      ['a contact of another company', companyContactIdentity('c-2')],
      ['a contact of a company of another municipality', companyContactIdentity('c-cph')],
      ['the team of another municipality', staffIdentity('101')],
    ])(
      'answers %s as for an unknown wish, writes nothing and audits the refusal',
      async (_who, identity) => {
        // Prepare
        const nobody = newId();
        const before = await changedItems(table);
        const refusedBefore = (await strangerRefusals()).length;
        // Act
        const real = await respond(identity, { wishId });
        const unknown = await respond(identity, { wishId: nobody });
        // Assess: a stranger to the wish hears what an unknown id gets (#18, class 7)
        expect(errorCodes(real)).toEqual([]);
        expect(real.data?.respondToWish).toMatchObject({
          wish: null,
          errors: [{ code: 'WISH_NOT_FOUND' }],
        });
        expect(JSON.stringify(real).replaceAll(wishId, 'ID')).toBe(
          JSON.stringify(unknown).replaceAll(nobody, 'ID'),
        );
        expect(await changedItems(table)).toEqual(before);
        expect((await strangerRefusals()).length).toBe(refusedBefore + 1);
      },
    );

    it("lets nobody but the wish's parties read the answer", async () => {
      // Prepare
      await respond(companyContactIdentity('c-1'), { wishId, answer: 'DECLINE' });
      const query = 'query ($id: ID!) { wish(id: $id) { answer { message } } }';
      // Act
      const stranger = await execute(server, as(companyContactIdentity('c-2')), query, {
        id: wishId,
      });
      const owner = await execute(server, as(youthIdentity('265', 'y-eva')), query, {
        id: wishId,
      });
      // Assess
      expect(stranger.data?.wish).toBeNull();
      expect(owner.data?.wish).toMatchObject({ answer: { message: expect.any(String) } });
    });
  });

  describe('sent again, audited and counted', () => {
    it('answers a repeat with the same idempotency key with the first answer and writes nothing', async () => {
      // Prepare
      const wishId = await aWish('y-ida', 'c-2');
      const input = { wishId, idempotencyKey: 'answer-ida-c-2' };
      const first = await respond(companyContactIdentity('c-2'), input);
      const items = await changedItems(table);
      // Act
      const again = await respond(companyContactIdentity('c-2'), input);
      // Assess
      expect(first.data?.respondToWish.errors).toEqual([]);
      expect(again.data?.respondToWish).toEqual(first.data?.respondToWish);
      expect(await changedItems(table)).toEqual(items);
    });

    it("records the answer in the young person's audit trail", async () => {
      // Prepare
      const wishId = await aWish('y-bo', 'c-1');
      // Act
      await respond(companyContactIdentity('c-1'), { wishId, answer: 'DECLINE' });
      // Assess
      const trail = await table.queryAll({ partition: AUDIT_KEYS.youthPartition('y-bo') });
      const changes = trail.filter((item) => item.action === 'CHANGE').map((item) => item.target);
      expect(changes).toContain('Mutation.respondToWish');
    });

    it('counts wishes made and the answers by kind in the municipality figures, for its team', async () => {
      // Act
      const result = await execute(server, as(staffIdentity('265')), STATS, {
        representations: [{ __typename: 'Municipality', code: '265' }],
      });
      // Assess: every wish made above, and each answer that was written
      const [figures] = (result.data?._entities ?? []) as Array<{
        placementStats: { wishAnswers: Record<string, number> };
      }>;
      expect(result.errors).toBeUndefined();
      expect(figures?.placementStats.wishAnswers).toEqual(await countedFromRecords());
    });
  });

  describe('for the programme office', () => {
    it('publishes the wish figures as the other placement figures: rounded to fives, small cells hidden', async () => {
      // Act
      const result = await execute(server, as(programmeIdentity()), STATS, {
        representations: [{ __typename: 'Municipality', code: '265' }],
      });
      // Assess: a handful of wishes is a small cell, never the exact count
      const [figures] = (result.data?._entities ?? []) as Array<{
        placementStats: { wishAnswers: Record<string, number | null> };
      }>;
      const exact = await countedFromRecords();
      const shown = figures?.placementStats.wishAnswers ?? {};
      expect(exact.made % 5).not.toBe(0); // so that showing it exactly would fail
      expect(result.errors).toBeUndefined();
      for (const cell of ['made', 'answered', 'invited', 'declined'] as const) {
        const value = shown[cell];
        expect(value === null || (value as number) % 5 === 0).toBe(true);
      }
    });
  });

  /** The refusals of respondToWish answered to a stranger as an id of nothing (#18, class 7). */
  async function strangerRefusals() {
    const partitions = ['265', '101', PROGRAMME_WIDE_REFUSALS].map(AUDIT_KEYS.refusedPartition);
    const items = (
      await Promise.all(partitions.map((partition) => table.queryAll({ index: 'gsi1', partition })))
    ).flat();
    return items.filter(
      (item) =>
        item.action === 'REFUSED' &&
        item.target === 'Mutation.respondToWish' &&
        String(item.reason).endsWith('answered as an id of nothing)'),
    );
  }

  /** The wish figures as the wishes stored say they must be (every test instant is in November). */
  async function countedFromRecords() {
    const youth = ['y-ida', 'y-bo', 'y-eva', 'y-aya', 'y-liv'];
    const items = (
      await Promise.all(
        youth.map((id) => table.queryAll({ index: 'gsi1', partition: `YOUTH#${id}#WISHES` })),
      )
    ).flat();
    const invited = items.filter((item) => item.status === 'INVITED').length;
    const declined = items.filter((item) => item.status === 'DECLINED').length;
    const answered = invited + declined;
    return {
      made: items.length,
      answered,
      invited,
      declined,
      answeredShare: answered / items.length,
      invitedShare: invited / answered,
    };
  }
});
