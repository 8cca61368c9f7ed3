import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMIT_PREFIX } from '#gateway/rate-limit';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { startTestStack, type TestStack } from '../support/local-stack.ts';
import { scanWholeTable } from '../support/privacy-scan.ts';

const ROSKILDE = '265';
const world = buildDemoWorld();
const youth = world.youth.find((y) => y.municipalityCode === ROSKILDE);
const company = world.companies.find((c) => c.municipalityCode === ROSKILDE);

/** The table's items but the gateway's rate-limit counters, which every request moves. */
async function storedItems(test: TestStack) {
  const items = await scanWholeTable(test.stack.table);
  return items.filter((item) => !String(item.pk).startsWith(`${RATE_LIMIT_PREFIX}#`));
}

/** One mutation per subgraph, each with one hostile string in its input. */
const CASES = [
  {
    subgraph: 'people',
    what: 'a status change reason with a right-to-left override',
    role: 'NETWORK_CONSULTANT',
    mutation: `mutation ($input: ChangeYouthStatusInput!) {
      changeYouthStatus(input: $input) { youth { id } errors { code } } }`,
    input: () => ({
      youthId: youth?.id,
      expectedVersion: 1,
      status: 'PAUSED',
      date: '2026-11-20',
      reason: 'Flyttet \u202Eeb-neseru\u202C',
    }),
    path: 'input.reason',
  },
  {
    subgraph: 'companies',
    what: 'an opportunity title with ANSI escapes',
    role: 'NETWORK_CONSULTANT',
    mutation: `mutation ($input: AddOpportunityInput!) {
      addOpportunity(input: $input) { opportunity { id } errors { code } } }`,
    input: () => ({
      companyId: company?.id,
      title: '\u001b[2J\u001b[31mGRATIS',
      description: 'Tre måneder',
      trade: 'Tømrer',
      weeklyHours: 30,
      places: 1,
    }),
    path: 'input.title',
  },
  {
    subgraph: 'placements',
    what: "a wish's motivation with NUL",
    role: 'YOUTH',
    mutation: `mutation ($input: CreateWishInput!) {
      createWish(input: $input) { wish { id } errors { code } } }`,
    input: () => ({ companyId: company?.id, rank: 1, motivation: 'Jeg vil\u0000 gerne' }),
    path: 'input.motivation',
  },
  {
    subgraph: 'learning-community',
    what: 'a work story with a lone surrogate',
    role: 'YOUTH',
    mutation: `mutation ($input: WriteWorkStoryInput!) {
      writeWorkStory(input: $input) { story { id } errors { code } } }`,
    input: () => ({
      youthId: youth?.id,
      whatIDid: 'Pakkede varer \ud800',
      whatIWasGoodAt: 'Overblik',
      whatIWantNext: 'Lager',
    }),
    path: 'input.whatIDid',
  },
] as const;

describe('text inputs through the gateway (issue 24)', () => {
  let test: TestStack;

  beforeAll(async () => {
    test = await startTestStack();
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it.each(CASES)(
    '$subgraph: refuses $what with BAD_USER_INPUT naming the path, and writes nothing',
    async ({ role, mutation, input, path }) => {
      // Prepare
      if (!youth || !company)
        throw new Error('The demo world has no Roskilde young person or company');
      const token = await test.token(role, {
        municipalityCode: ROSKILDE,
        ...(role === 'YOUTH' ? { youthId: youth.id } : {}),
      });
      const before = await storedItems(test);
      // Act
      const result = await test.query(mutation, { token, variables: { input: input() } });
      // Assess
      expect(result.status).toBeLessThan(500);
      expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(result.body.errors?.[0]?.message).toContain(path);
      expect(JSON.stringify(result.body.errors?.[0]?.extensions?.issues)).toContain(path);
      expect(JSON.stringify(result.body)).not.toMatch(/GRATIS|neseru|gerne|Pakkede/);
      expect(await storedItems(test)).toEqual(before);
    },
  );
});
