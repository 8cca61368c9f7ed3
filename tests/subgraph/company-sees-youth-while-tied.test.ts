import type { ApolloServer } from '@apollo/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphContext } from '#kernel/context';
import { newId } from '#kernel/keys';
import type { Table } from '#kernel/table/table';
import { server as people } from '#people/server';
import { server as placements } from '#placements/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { companyContactIdentity, youthIdentity } from '../support/identities.ts';
import {
  aHost,
  aPlacement,
  entitiesQuery,
  givenHosts,
  givenIntroduction,
  givenPlacements,
  givenYoungPeople,
  givenYouthCompanyLink,
  representation,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const INVITE = `mutation ($input: InviteYouthInput!) { inviteYouth(input: $input) {
  invitation { id version } errors { code }
} }`;
const ANSWER = `mutation ($input: AnswerInvitationInput!) { answerInvitation(input: $input) {
  invitation { status } errors { code }
} }`;
const CREATE_WISH = `mutation ($input: CreateWishInput!) { createWish(input: $input) {
  wish { id version } errors { code }
} }`;
const WITHDRAW_WISH = `mutation ($input: WithdrawWishInput!) { withdrawWish(input: $input) {
  wish { status } errors { code }
} }`;

const PROFILE = 'query ($id: ID!) { youth(id: $id) { id name workWishes } }';
const REFERENCE = entitiesQuery('Youth', 'id');

/**
 * A company sees a young person only while an open invitation from it, an open wish to it, or a
 * planned or running placement with it ties them (`#kernel/youth-company-link`): asked of the
 * people subgraph (their work profile) and of the placements subgraph (the young person's
 * reference), each with the link the placements subgraph's own commands wrote.
 */
describe('a company sees a young person only while something open ties them', () => {
  let table: Table;
  const monday = new Date('2026-11-02T09:00:00Z');
  const contact = companyContactIdentity('c-1');
  const as = (identity = contact, now = monday) => testContext(table, identity, now);

  /** What the company's contact is shown of the young person by each subgraph. */
  async function whatTheCompanySees(youthId: string, now = monday) {
    const run = (server: ApolloServer<SubgraphContext>, query: string, variables: object) =>
      execute<Record<string, unknown>>(server, as(contact, now), query, { ...variables });
    const profile = await run(people, PROFILE, { id: youthId });
    const reference = await run(placements, REFERENCE, {
      representations: [representation('Youth', youthId)],
    });
    return {
      profile: errorCodes(profile).length === 0 ? profile.data?.youth : errorCodes(profile),
      reference:
        errorCodes(reference).length === 0 ? reference.data?._entities : errorCodes(reference),
    };
  }

  const SEEN = (youthId: string) => ({
    profile: { id: youthId, name: expect.any(String), workWishes: expect.any(Array) },
    reference: [{ id: youthId }],
  });
  /**
   * Asserts the company is shown nothing of the young person. A company nothing ties to them is
   * a stranger to them: `youth(id)` answers it exactly what it answers for an id of nothing,
   * null without an error (#18, class 7); the reference stays refused, as in the other
   * subgraphs' reference tests.
   */
  async function expectNotSeen(youthId: string, now = monday) {
    const nobody = newId();
    const seen = await whatTheCompanySees(youthId, now);
    const unknown = await whatTheCompanySees(nobody, now);
    expect(seen.profile).toBeNull();
    expect(seen.profile).toEqual(unknown.profile);
    expect(seen.reference).toEqual(['FORBIDDEN']);
  }

  async function invited(youthId: string): Promise<string> {
    await givenIntroduction(table, { youthId, companyId: 'c-1' });
    const sent = await execute<{ inviteYouth: { invitation: { id: string } | null } }>(
      placements,
      as(),
      INVITE,
      { input: { youthId, message: 'Kom forbi', answerWithinDays: 7 } },
    );
    const id = sent.data?.inviteYouth.invitation?.id;
    if (!id) throw new Error(`The invitation of ${youthId} was not sent`);
    return id;
  }

  async function answered(youthId: string, invitationId: string, accept: boolean) {
    const result = await execute(placements, as(youthIdentity('265', youthId)), ANSWER, {
      input: { invitationId, accept, expectedVersion: 1 },
    });
    expect(result.data?.answerInvitation).toMatchObject({ errors: [] });
  }

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(table, '265', ['y-declined', 'y-accepted', 'y-expired']);
    await givenYoungPeople(table, '265', ['y-running', 'y-wish', 'y-never']);
    await givenHosts(table, aHost('c-1', '265', { places: 3 }));
  });

  it('sees them while an invitation is open, and no longer once it expired unanswered', async () => {
    // Prepare: a week to answer, from Monday 09:00
    await invited('y-expired');
    const lastMoment = new Date('2026-11-09T09:00:00Z');
    const justAfter = new Date('2026-11-09T09:00:01Z');
    // Act
    const open = await whatTheCompanySees('y-expired', lastMoment);
    // Assess
    expect(open).toEqual(SEEN('y-expired'));
    await expectNotSeen('y-expired', justAfter);
  });

  it.each([
    ['declined', 'y-declined', false],
    ['accepted (only the placement it leads to ties them again)', 'y-accepted', true],
  ])('no longer sees them once an invitation was %s', async (_how, youthId, accept) => {
    // Prepare
    const invitationId = await invited(youthId);
    const before = await whatTheCompanySees(youthId);
    // Act
    await answered(youthId, invitationId, accept);
    // Assess
    expect(before).toEqual(SEEN(youthId));
    await expectNotSeen(youthId);
  });

  it('still sees them while a placement runs, though an invitation of theirs expired', async () => {
    // Prepare: the link as an old, expired invitation and a running placement left it
    const [placement] = await givenPlacements(table, [
      aPlacement({ youthId: 'y-running', companyId: 'c-1', status: 'ACTIVE' }),
    ]);
    await givenYouthCompanyLink(table, 'y-running', 'c-1', [
      'INVITATION#i-old#UNTIL#2026-10-01T09:00:00.000Z',
      `PLACEMENT#${placement?.id}`,
    ]);
    // Act
    const seen = await whatTheCompanySees('y-running');
    // Assess
    expect(seen).toEqual(SEEN('y-running'));
  });

  it('sees them while their wish to the company is open, and no longer once it is withdrawn', async () => {
    // Prepare
    await expectNotSeen('y-wish');
    const made = await execute<{ createWish: { wish: { id: string } | null } }>(
      placements,
      as(youthIdentity('265', 'y-wish')),
      CREATE_WISH,
      { input: { companyId: 'c-1', rank: 1, motivation: 'Jeg vil gerne lære faget' } },
    );
    const wishId = made.data?.createWish.wish?.id;
    const whileOpen = await whatTheCompanySees('y-wish');
    // Act
    const withdrawn = await execute(placements, as(youthIdentity('265', 'y-wish')), WITHDRAW_WISH, {
      input: { wishId, expectedVersion: 1 },
    });
    // Assess
    expect(whileOpen).toEqual(SEEN('y-wish'));
    expect(withdrawn.data?.withdrawWish).toMatchObject({ wish: { status: 'WITHDRAWN' } });
    await expectNotSeen('y-wish');
  });

  it('never sees a young person nothing ties to it', async () => {
    // Act and assess
    await expectNotSeen('y-never');
  });
});
