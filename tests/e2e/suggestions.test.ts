import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

const world = buildDemoWorld();
const roskilde = world.youth.filter((y) => y.municipalityCode === '265');
/** The demo's suggestion the team answered is by Roskilde's last young person. */
const answeredAuthor = roskilde.at(-1)?.id as string;
const suggester = roskilde[3]?.id as string;

const SUGGEST = `mutation ($input: SuggestToNetworkInput!) {
  suggestToNetwork(input: $input) { suggestion { id version state } errors { code } }
}`;
const OPEN = `query { municipality(code: "265") { suggestions(state: OPEN) { edges { node {
  id anonymous text version
} } } } }`;
const AUTHOR = 'query ($id: ID!) { suggestion(id: $id) { id authorYouth { id } } }';
const ANSWER = `mutation ($input: AnswerSuggestionInput!) {
  answerSuggestion(input: $input) { suggestion { state actedOnAt } errors { code } }
}`;
const FIGURES = `query { municipality(code: "265") { networkStats {
  suggestions { madeByYoungPeople madeByCompanies answered actedOn } suppressed
} } }`;
const MINE = `{ mySuggestions { edges { node { id state actedOnAt answer { text } } } } }`;

type Mine = {
  mySuggestions: {
    edges: Array<{
      node: {
        id: string;
        state: string;
        actedOnAt: string | null;
        answer: { text: string } | null;
      };
    }>;
  };
};

describe('voice through the gateway: suggestions to the network (#20)', () => {
  let test: TestStack;

  beforeAll(async () => {
    test = await startTestStack();
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it("shows a young person the demo's answer to their suggestion, acted on", async () => {
    // Prepare
    const token = await test.token('YOUTH', { youthId: answeredAuthor });
    // Act
    const { body } = await test.query<Mine>(MINE, { token });
    // Assess
    expect(body.errors).toBeUndefined();
    expect(body.data?.mySuggestions.edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({
        state: 'ANSWERED',
        actedOnAt: expect.any(String),
        answer: { text: expect.stringContaining('kl. 14') },
      }),
    );
  });

  it('takes an anonymous suggestion to the team, who answer it without learning the author, and the author reads the answer', async () => {
    // Prepare
    const youthToken = await test.token('YOUTH', { youthId: suggester });
    const teamToken = await test.token('NETWORK_CONSULTANT', { municipalityCode: '265' });
    const strangerToken = await test.token('NETWORK_CONSULTANT', { municipalityCode: '101' });
    // Act
    const made = await test.query<{ suggestToNetwork: { suggestion: { id: string } } }>(SUGGEST, {
      token: youthToken,
      variables: { input: { text: 'Et fast mødested i byen', anonymous: true } },
    });
    const id = made.body.data?.suggestToNetwork.suggestion.id as string;
    const open = await test.query(OPEN, { token: teamToken });
    const author = await test.query(AUTHOR, { token: teamToken, variables: { id } });
    const stranger = await test.query(AUTHOR, { token: strangerToken, variables: { id } });
    const answered = await test.query(ANSWER, {
      token: teamToken,
      variables: { input: { id, expectedVersion: 1, text: 'Vi undersøger det', actedOn: true } },
    });
    const mine = await test.query<Mine>(MINE, { token: youthToken });
    // Assess
    expect(made.body.errors).toBeUndefined();
    expect(JSON.stringify(open.body.data)).toContain(id);
    expect(JSON.stringify(open.body)).not.toContain(suggester);
    expect(author.body.data).toEqual({ suggestion: { id, authorYouth: null } });
    expect(JSON.stringify(author.body)).not.toContain(suggester);
    expect(stranger.body.data).toEqual({ suggestion: null });
    expect(answered.body.data).toMatchObject({
      answerSuggestion: { suggestion: { state: 'ANSWERED' }, errors: [] },
    });
    expect(mine.body.data?.mySuggestions.edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({ id, state: 'ANSWERED', answer: { text: 'Vi undersøger det' } }),
    );
  });

  it("counts a young person's suggestion in Roskilde's networkStats for its team, exactly, and for the programme office rounded", async () => {
    // Prepare
    const youthToken = await test.token('YOUTH', { youthId: suggester });
    const teamToken = await test.token('NETWORK_CONSULTANT', { municipalityCode: '265' });
    const programmeToken = await test.token('PROGRAMME');
    type Figures = { municipality: { networkStats: { suggestions: Record<string, number> } } };
    const before = await test.query<Figures>(FIGURES, { token: teamToken });
    // Act
    await test.query(SUGGEST, {
      token: youthToken,
      variables: { input: { text: 'Flere ture ud til virksomhederne' } },
    });
    const after = await test.query<Figures>(FIGURES, { token: teamToken });
    const programme = await test.query<Figures>(FIGURES, { token: programmeToken });
    const refused = await test.query(FIGURES, { token: youthToken });
    // Assess
    expect(after.body.errors).toBeUndefined();
    const made = (figures: typeof before) =>
      figures.body.data?.municipality.networkStats.suggestions.madeByYoungPeople ?? Number.NaN;
    expect(made(after)).toBe(made(before) + 1);
    expect(after.body.data?.municipality.networkStats).toMatchObject({ suppressed: false });
    const published = programme.body.data?.municipality.networkStats;
    expect(published).toMatchObject({ suppressed: true });
    for (const count of Object.values(published?.suggestions ?? {})) expect(count % 5).toBe(0);
    expect(published?.suggestions.answered).toBeGreaterThan(0);
    expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
