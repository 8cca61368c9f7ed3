import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '#kernel/table/table';
import {
  collectLearningData,
  eraseLearningData,
} from '#learning-community/data-subject/learning-data-subject';
import { server } from '#learning-community/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity, youthIdentity } from '../support/identities.ts';
import { putSharedWorld } from '../support/learning-factories.ts';
import { createTestTable } from '../support/table.ts';

const SUGGEST = `mutation ($input: SuggestToNetworkInput!) {
  suggestToNetwork(input: $input) { suggestion { id } errors { code } }
}`;
const ANSWER = `mutation ($input: AnswerSuggestionInput!) {
  answerSuggestion(input: $input) { suggestion { id } errors { code } }
}`;
const ONE = 'query ($id: ID!) { suggestion(id: $id) { id } }';

describe("a young person's suggestions in their records: art. 15 export and erasure", () => {
  let table: Table;
  let named: string;
  let anonymous: string;
  let someoneElses: string;

  async function suggest(youthId: string, text: string, isAnonymous = false): Promise<string> {
    const made = await execute<{ suggestToNetwork: { suggestion: { id: string } } }>(
      server,
      testContext(table, youthIdentity('265', youthId)),
      SUGGEST,
      { input: { text, anonymous: isAnonymous } },
    );
    return made.data?.suggestToNetwork.suggestion.id as string;
  }

  beforeAll(async () => {
    table = await createTestTable();
    await putSharedWorld(table, {
      staff: [{ id: 'staff-265-1', municipalityCode: '265' }],
      youth: [
        { id: 'y-1', municipalityCode: '265' },
        { id: 'y-2', municipalityCode: '265' },
      ],
    });
    named = await suggest('y-1', 'Flere virksomhedsbesøg');
    anonymous = await suggest('y-1', 'Noget jeg ikke vil stå ved', true);
    someoneElses = await suggest('y-2', 'Et andet forslag');
    await execute(server, testContext(table, staffIdentity('265')), ANSWER, {
      input: { id: anonymous, expectedVersion: 1, text: 'Tak, vi tager det op' },
    });
  });

  it('gives the young person their own suggestions, anonymous ones too, with the answers', async () => {
    // Act
    const sections = await collectLearningData(table, 'y-1');
    // Assess
    const suggestions = sections.suggestions as Array<Record<string, unknown>>;
    expect(suggestions.map(({ id }) => id).sort()).toEqual([named, anonymous].sort());
    expect(suggestions).toContainEqual(
      expect.objectContaining({
        id: anonymous,
        anonymous: true,
        text: 'Noget jeg ikke vil stå ved',
        answer: expect.objectContaining({ text: 'Tak, vi tager det op' }),
      }),
    );
    expect(JSON.stringify(suggestions)).not.toContain('staff-265-1');
    expect(JSON.stringify(suggestions)).not.toContain(someoneElses);
  });

  it("deletes the young person's suggestions with them and nobody else's, and a second erasure deletes nothing more", async () => {
    // Prepare
    const team = testContext(table, staffIdentity('265'));
    // Act
    const first = await eraseLearningData(table, 'y-1', 'STUB1');
    const second = await eraseLearningData(table, 'y-1', 'STUB1');
    // Assess
    for (const id of [named, anonymous]) {
      expect((await execute(server, team, ONE, { id })).data).toEqual({ suggestion: null });
    }
    expect((await execute(server, team, ONE, { id: someoneElses })).data).toEqual({
      suggestion: { id: someoneElses },
    });
    expect(first.deleted).toBeGreaterThanOrEqual(2);
    expect(second.deleted).toBe(0);
    expect((await collectLearningData(table, 'y-1')).suggestions).toEqual([]);
  });
});
