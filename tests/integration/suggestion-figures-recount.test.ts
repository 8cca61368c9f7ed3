import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import { monthCounterAttribute } from '#kernel/month-counters';
import type { Table } from '#kernel/table/table';
import { eraseLearningData } from '#learning-community/data-subject/learning-data-subject';
import { recountNetworkFigures } from '#learning-community/maintenance/recount';
import { groupCountsKey } from '#learning-community/repository/network-stats-entity';
import { readNetworkCounters } from '#learning-community/repository/network-stats-repository';
import { ERASED_SUGGESTION_ENTITY } from '#learning-community/repository/suggestion-entity';
import { server } from '#learning-community/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { companyContactIdentity, staffIdentity, youthIdentity } from '../support/identities.ts';
import { putSharedWorld } from '../support/learning-factories.ts';
import { givenMunicipalities, ROSKILDE } from '../support/people-factories.ts';
import { itemText, scanWholeTable } from '../support/privacy-scan.ts';
import { createTestTable } from '../support/table.ts';

const SUGGEST = `mutation ($input: SuggestToNetworkInput!) {
  suggestToNetwork(input: $input) { suggestion { id } errors { code } }
}`;
const ANSWER = `mutation ($input: AnswerSuggestionInput!) {
  answerSuggestion(input: $input) { suggestion { id } errors { code } }
}`;
const ACTED_ON = `mutation ($input: MarkSuggestionActedOnInput!) {
  markSuggestionActedOn(input: $input) { suggestion { id } errors { code } }
}`;

const OCTOBER = new Date('2026-10-15T10:00:00Z');
const NOVEMBER = new Date('2026-11-20T10:00:00Z');
const WORDS = 'Ord kun den unge selv har skrevet';

describe('suggestion figures: recounted from the suggestions, and kept by erasure', () => {
  let table: Table;
  const team = staffIdentity(ROSKILDE);

  async function suggest(identity: Identity, text = WORDS): Promise<string> {
    const made = await execute<{ suggestToNetwork: { suggestion: { id: string } } }>(
      server,
      testContext(table, identity, OCTOBER),
      SUGGEST,
      { input: { text, anonymous: true } },
    );
    return made.data?.suggestToNetwork.suggestion.id as string;
  }

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await putSharedWorld(table, {
      staff: [{ id: `staff-${ROSKILDE}-1`, municipalityCode: ROSKILDE }],
      youth: [
        { id: 'y-erased', municipalityCode: ROSKILDE },
        { id: 'y-kept', municipalityCode: ROSKILDE },
      ],
      companies: [{ id: 'c-1', municipalityCode: ROSKILDE }],
      contacts: [{ id: 'c-1-contact', companyId: 'c-1' }],
    });
    const answered = await suggest(youthIdentity(ROSKILDE, 'y-erased'));
    await suggest(youthIdentity(ROSKILDE, 'y-erased'));
    const kept = await suggest(youthIdentity(ROSKILDE, 'y-kept'), 'Et andet forslag');
    await suggest(companyContactIdentity('c-1'), 'Fra en virksomhed');
    const later = testContext(table, team, NOVEMBER);
    await execute(server, later, ANSWER, {
      input: { id: answered, expectedVersion: 1, text: 'Svar', actedOn: true },
    });
    await execute(server, later, ANSWER, { input: { id: kept, expectedVersion: 1, text: 'Svar' } });
    await execute(server, later, ACTED_ON, { input: { id: kept, expectedVersion: 2 } });
  });

  it('recounts what the commands counted, and names and fixes a drifted suggestion counter', async () => {
    // Prepare
    const counted = await readNetworkCounters(table, ROSKILDE);
    const clean = await recountNetworkFigures(table);
    await table.update(groupCountsKey(ROSKILDE), {
      add: { [monthCounterAttribute('2026-11', 'suggestionsAnswered')]: 3 },
    });
    // Act
    const found = await recountNetworkFigures(table, { fix: true });
    const after = await recountNetworkFigures(table);
    // Assess
    expect(counted).toMatchObject({
      '2026-10#suggestionsByYouth': 3,
      '2026-10#suggestionsByCompanies': 1,
      '2026-11#suggestionsAnswered': 2,
      '2026-11#suggestionsActedOn': 2,
    });
    expect(clean.differences).toEqual([]);
    expect(found.differences).toEqual([
      {
        key: groupCountsKey(ROSKILDE),
        counter: '2026-11#suggestionsAnswered',
        kept: 5,
        recounted: 2,
      },
    ]);
    expect(after.differences).toEqual([]);
    expect(await readNetworkCounters(table, ROSKILDE)).toEqual(counted);
  });

  it("keeps the figures through a young person's erasure, and the recount after it finds the same", async () => {
    // Prepare
    const before = await readNetworkCounters(table, ROSKILDE);
    // Act
    await eraseLearningData(table, 'y-erased', 'STUB1');
    await eraseLearningData(table, 'y-erased', 'STUB1');
    const recount = await recountNetworkFigures(table);
    // Assess
    expect(recount.differences).toEqual([]);
    expect(await readNetworkCounters(table, ROSKILDE)).toEqual(before);
    const items = await scanWholeTable(table);
    const stubs = items.filter((item) => item.entity === ERASED_SUGGESTION_ENTITY);
    const suggestions = items.filter((item) => item.entity === 'Suggestion');
    expect(stubs).toHaveLength(2);
    expect(stubs.map(itemText).join()).not.toMatch(/y-erased|Ord kun|Svar/);
    expect(suggestions).toHaveLength(2);
    expect(suggestions.map(itemText).join()).not.toMatch(/y-erased|Ord kun/);
  });
});
