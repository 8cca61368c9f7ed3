import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

const world = buildDemoWorld();
const roskilde = world.youth.filter((y) => y.municipalityCode === '265');
/** The demo's wishers are Roskilde's young people 18 to 23: the first had a wish declined. */
const declinedWisher = roskilde[18]?.id as string;
const wisher = roskilde[19]?.id as string;

const WISHES = `query ($id: ID!) { youth(id: $id) { wishes { edges { node {
  id status version company { id } answer { kind message invitation { id status } }
} } } } }`;

type WishNode = {
  id: string;
  status: string;
  version: number;
  company: { id: string };
  answer: {
    kind: string;
    message: string;
    invitation: { id: string; status: string } | null;
  } | null;
};
type Wishes = { youth: { wishes: { edges: Array<{ node: WishNode }> } } };

describe("voice through the gateway: a company answers a young person's wish (#20)", () => {
  let test: TestStack;

  beforeAll(async () => {
    test = await startTestStack();
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('shows a young person the kind no a company gave their wish in the demo', async () => {
    // Prepare
    const token = await test.token('YOUTH', { youthId: declinedWisher });
    // Act
    const { body } = await test.query<Wishes>(WISHES, { token, variables: { id: declinedWisher } });
    // Assess
    expect(body.errors).toBeUndefined();
    const declined = body.data?.youth.wishes.edges.map((e) => e.node).find((w) => w.answer);
    expect(declined).toMatchObject({
      status: 'DECLINED',
      answer: {
        kind: 'DECLINE',
        message: expect.stringContaining('Tak for dit ønske'),
        invitation: null,
      },
    });
  });

  it('lets the wished-for company invite the young person in answer, who then accepts the invitation', async () => {
    // Prepare
    const youthToken = await test.token('YOUTH', { youthId: wisher });
    const before = await test.query<Wishes>(WISHES, {
      token: youthToken,
      variables: { id: wisher },
    });
    const wish = before.body.data?.youth.wishes.edges
      .map((e) => e.node)
      .find((w) => w.status === 'OPEN');
    if (!wish) throw new Error('The demo wisher has no open wish');
    const companyToken = await test.token('COMPANY_CONTACT', { companyId: wish.company.id });
    // Act
    const answered = await test.query<{
      respondToWish: { wish: WishNode | null; errors: Array<{ code: string }> };
    }>(
      `mutation ($input: RespondToWishInput!) { respondToWish(input: $input) {
        wish { id status version company { id } answer { kind message invitation { id status } } }
        errors { code }
      } }`,
      {
        token: companyToken,
        variables: {
          input: {
            wishId: wish.id,
            answer: 'INVITE',
            message: 'Tak for dit ønske - vi vil gerne have dig i praktik!',
            expectedVersion: wish.version,
          },
        },
      },
    );
    const invitation = answered.body.data?.respondToWish.wish?.answer?.invitation;
    const accepted = await test.query<{
      answerInvitation: { invitation: { status: string } | null; errors: Array<{ code: string }> };
    }>(
      `mutation ($input: AnswerInvitationInput!) { answerInvitation(input: $input) {
        invitation { status } errors { code }
      } }`,
      {
        token: youthToken,
        variables: { input: { invitationId: invitation?.id, accept: true, expectedVersion: 1 } },
      },
    );
    const after = await test.query<Wishes>(WISHES, {
      token: youthToken,
      variables: { id: wisher },
    });
    // Assess
    expect(answered.body.errors).toBeUndefined();
    expect(answered.body.data?.respondToWish).toMatchObject({
      wish: { status: 'INVITED', answer: { kind: 'INVITE', invitation: { status: 'PENDING' } } },
      errors: [],
    });
    expect(accepted.body.data?.answerInvitation).toEqual({
      invitation: { status: 'ACCEPTED' },
      errors: [],
    });
    expect(
      after.body.data?.youth.wishes.edges.map((e) => e.node).find((w) => w.id === wish.id),
    ).toMatchObject({
      status: 'INVITED',
      answer: {
        message: 'Tak for dit ønske - vi vil gerne have dig i praktik!',
        invitation: { id: invitation?.id, status: 'ACCEPTED' },
      },
    });
  });

  it('refuses the young person to answer their own wish, through the gateway', async () => {
    // Prepare
    const token = await test.token('YOUTH', { youthId: declinedWisher });
    const before = await test.query<Wishes>(WISHES, { token, variables: { id: declinedWisher } });
    const open = before.body.data?.youth.wishes.edges
      .map((e) => e.node)
      .find((w) => w.status === 'OPEN');
    // Act
    const { body } = await test.query(
      'mutation ($input: RespondToWishInput!) { respondToWish(input: $input) { errors { code } } }',
      {
        token,
        variables: {
          input: { wishId: open?.id, answer: 'DECLINE', message: 'Nej tak', expectedVersion: 1 },
        },
      },
    );
    // Assess
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
