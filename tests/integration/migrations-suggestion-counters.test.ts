import { beforeEach, describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '#infra/migrations/all-migrations';
import type { Table } from '#kernel/table/table';
import type { Suggestion } from '#learning-community/domain/suggestion';
import { SUGGESTION_COUNTERS } from '#learning-community/domain/suggestion-figures';
import { recountNetworkFigures } from '#learning-community/maintenance/recount';
import { countStoredSuggestions } from '#learning-community/migrations/0011-count-stored-suggestions';
import { groupCountsKey } from '#learning-community/repository/network-stats-entity';
import { readNetworkCounters } from '#learning-community/repository/network-stats-repository';
import { SuggestionEntity } from '#learning-community/repository/suggestion-entity';
import { server } from '#learning-community/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { youthIdentity } from '../support/identities.ts';
import { putSharedWorld } from '../support/learning-factories.ts';
import { aCheckpoint } from '../support/migration-checkpoint.ts';
import { givenMunicipalities, KOBENHAVN, ROSKILDE } from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

const SUGGEST = `mutation ($input: SuggestToNetworkInput!) {
  suggestToNetwork(input: $input) { suggestion { id } errors { code } }
}`;
const NOW = new Date('2026-11-20T10:00:00Z');

/**
 * A suggestion as the suggestion commands stored it before the suggestion figures: the same
 * item, and no counter added anywhere. Written raw, as no code writes that shape any more.
 */
async function givenOldSuggestion(
  table: Table,
  id: string,
  municipalityCode: string,
  shape: Partial<Suggestion> & Pick<Suggestion, 'createdAt'>,
): Promise<void> {
  await table.put(
    SuggestionEntity.toItem({
      id,
      municipalityCode,
      authorSide: 'YOUTH',
      authorYouthId: `y-${municipalityCode}`,
      anonymous: false,
      text: 'Et gammelt forslag',
      version: 1,
      ...shape,
    }),
  );
}

/** A suggestion made now through the learning community subgraph: counted as it is made. */
async function aNewSuggestion(table: Table): Promise<void> {
  const made = await execute(
    server,
    testContext(table, youthIdentity(ROSKILDE, 'y-new'), NOW),
    SUGGEST,
    {
      input: { text: 'Et nyt forslag' },
    },
  );
  expect(made.errors).toBeUndefined();
}

/** The suggestion counters of a municipality, by attribute, zeros left out. */
async function suggestionsCounted(table: Table, code: string): Promise<Record<string, number>> {
  const kept = (await readNetworkCounters(table, code)) ?? {};
  return Object.fromEntries(
    Object.entries(kept).filter(
      (entry): entry is [string, number] =>
        SUGGESTION_COUNTERS.some((counter) => entry[0].endsWith(`#${counter}`)) && entry[1] !== 0,
    ),
  );
}

describe('suggestions stored before the suggestion figures counted (migration 0011)', () => {
  let table: Table;

  beforeEach(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await putSharedWorld(table, {
      youth: [{ id: 'y-new', municipalityCode: ROSKILDE }],
    });
    await givenOldSuggestion(table, 's-old-1', ROSKILDE, {
      createdAt: '2026-09-14T08:00:00.000Z',
      answer: { text: 'Svar', answeredAt: '2026-10-02T08:00:00.000Z', answeredByStaffId: 'st-1' },
      actedOnAt: '2026-10-20T08:00:00.000Z',
    });
    await givenOldSuggestion(table, 's-old-2', ROSKILDE, {
      createdAt: '2026-09-20T08:00:00.000Z',
      authorSide: 'COMPANY',
      authorYouthId: undefined,
      authorContactId: 'c-1-contact',
      authorCompanyId: 'c-1',
    });
    await givenOldSuggestion(table, 's-old-3', KOBENHAVN, {
      createdAt: '2026-10-05T08:00:00.000Z',
    });
    await aNewSuggestion(table);
  });

  it('counts the old suggestions once beside the new one, and a second run adds nothing', async () => {
    // Prepare
    const before = await suggestionsCounted(table, ROSKILDE);
    // Act
    const first = aCheckpoint();
    await countStoredSuggestions.run(table, first);
    const afterFirst = await suggestionsCounted(table, ROSKILDE);
    const second = aCheckpoint();
    await countStoredSuggestions.run(table, second);
    // Assess
    expect(before).toEqual({ '2026-11#suggestionsByYouth': 1 });
    expect(afterFirst).toEqual({
      '2026-09#suggestionsByYouth': 1,
      '2026-09#suggestionsByCompanies': 1,
      '2026-10#suggestionsAnswered': 1,
      '2026-10#suggestionsActedOn': 1,
      '2026-11#suggestionsByYouth': 1,
    });
    expect(await suggestionsCounted(table, KOBENHAVN)).toEqual({ '2026-10#suggestionsByYouth': 1 });
    expect(first.touched).toBe(2);
    expect(second.touched).toBe(0);
    expect(await suggestionsCounted(table, ROSKILDE)).toEqual(afterFirst);
    expect((await recountNetworkFigures(table)).differences).toEqual([]);
  });

  it('resumes after the last municipality it finished', async () => {
    // Prepare: København (101) comes before Roskilde (265); a run stopped after it
    const resumed = aCheckpoint({ code: KOBENHAVN });
    // Act
    await countStoredSuggestions.run(table, resumed);
    // Assess
    expect(await suggestionsCounted(table, KOBENHAVN)).toEqual({});
    expect(await suggestionsCounted(table, ROSKILDE)).toMatchObject({
      '2026-09#suggestionsByYouth': 1,
      '2026-11#suggestionsByYouth': 1,
    });
    expect(resumed.saved).toEqual([{ code: ROSKILDE }]);
  });

  it('keeps a suggestion made by a live request between its read of the counters and of the suggestions', async () => {
    // Prepare: a suggestion made just after the migration read Roskilde's counters
    let interleaved = false;
    let countersRead = false;
    const busy = new Proxy(table, {
      get(target, property, receiver) {
        if (property === 'get') {
          return async (...args: Parameters<Table['get']>) => {
            countersRead ||= args[0].pk === groupCountsKey(ROSKILDE).pk;
            return target.get(...args);
          };
        }
        if (property !== 'queryAll') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<Table['queryAll']>) => {
          if (countersRead && !interleaved) {
            interleaved = true;
            await aNewSuggestion(table);
          }
          return target.queryAll(...args);
        };
      },
    });
    // Act
    await countStoredSuggestions.run(busy, aCheckpoint());
    // Assess
    expect(interleaved).toBe(true);
    expect(await suggestionsCounted(table, ROSKILDE)).toMatchObject({
      '2026-09#suggestionsByYouth': 1,
      '2026-11#suggestionsByYouth': 2,
    });
    expect((await recountNetworkFigures(table)).differences).toEqual([]);
  });

  it('runs with every migration, in id order', () => {
    // Assess
    expect(ALL_MIGRATIONS.map(({ id }) => id)).toContain(countStoredSuggestions.id);
    expect(new Set(ALL_MIGRATIONS.map(({ id }) => id)).size).toBe(ALL_MIGRATIONS.length);
  });
});
