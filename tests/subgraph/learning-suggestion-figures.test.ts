import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { server } from '#learning-community/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { putSharedWorld } from '../support/learning-factories.ts';
import { givenMunicipalities, KOBENHAVN, ROSKILDE } from '../support/people-factories.ts';
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
const STATS = `query ($code: ID!, $from: Date, $to: Date) {
  _entities(representations: [{ __typename: "Municipality", code: $code }]) {
    ... on Municipality {
      networkStats(from: $from, to: $to) {
        suggestions { madeByYoungPeople madeByCompanies answered actedOn } suppressed
      }
    }
  }
}`;
const PROGRAMME = `{
  _entities(representations: [{ __typename: "ProgrammeStats", from: "2026-10-01", to: "2026-11-30" }]) {
    ... on ProgrammeStats {
      networkStats { suggestions { madeByYoungPeople madeByCompanies answered actedOn } suppressed }
    }
  }
}`;

const OCTOBER = new Date('2026-10-15T10:00:00Z');
const NOVEMBER = new Date('2026-11-20T10:00:00Z');
/** 00:30 on 1 November in Denmark. */
const DANISH_NOVEMBER_FIRST = new Date('2026-10-31T23:30:00Z');

type Figures = { networkStats: unknown };

describe('learning community subgraph: suggestion figures in the network figures', () => {
  let table: Table;
  const team = staffIdentity(ROSKILDE);
  const as = (identity: Identity, now = NOVEMBER) => testContext(table, identity, now);
  const figures = async (identity: Identity, from: string, to: string) => {
    const result = await execute<{ _entities: Figures[] }>(server, as(identity), STATS, {
      code: ROSKILDE,
      from,
      to,
    });
    return result.data?._entities[0]?.networkStats;
  };
  const suggest = async (identity: Identity, now: Date, input: Record<string, unknown> = {}) => {
    const made = await execute<{ suggestToNetwork: { suggestion: { id: string } | null } }>(
      server,
      as(identity, now),
      SUGGEST,
      { input: { text: 'Et forslag til netværket', ...input } },
    );
    const id = made.data?.suggestToNetwork.suggestion?.id;
    if (!id) throw new Error(JSON.stringify(made));
    return id;
  };

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await putSharedWorld(table, {
      staff: [{ id: `staff-${ROSKILDE}-1`, municipalityCode: ROSKILDE }],
      youth: ['y-1', 'y-2', 'y-3', 'y-4'].map((id) => ({ id, municipalityCode: ROSKILDE })),
      companies: [{ id: 'c-1', municipalityCode: ROSKILDE }],
      contacts: [{ id: 'c-1-contact', companyId: 'c-1' }],
    });
    // October: three young people and a company suggest; one is answered and acted on at once.
    const once = { idempotencyKey: 'suggest-once' };
    const first = await suggest(youthIdentity(ROSKILDE, 'y-1'), OCTOBER, once);
    await suggest(youthIdentity(ROSKILDE, 'y-1'), OCTOBER, once);
    const second = await suggest(youthIdentity(ROSKILDE, 'y-2'), OCTOBER, { anonymous: true });
    await suggest(youthIdentity(ROSKILDE, 'y-3'), OCTOBER);
    const company = await suggest(companyContactIdentity('c-1'), OCTOBER);
    await execute(server, as(team, OCTOBER), ANSWER, {
      input: { id: first, expectedVersion: 1, text: 'Godt forslag', actedOn: true },
    });
    // November: one more young person's (in Danish time), two answers, one marked acted on.
    await suggest(youthIdentity(ROSKILDE, 'y-4'), DANISH_NOVEMBER_FIRST);
    await execute(server, as(team), ANSWER, {
      input: { id: second, expectedVersion: 1, text: 'Vi prøver det' },
    });
    await execute(server, as(team), ACTED_ON, { input: { id: second, expectedVersion: 2 } });
    await execute(server, as(team), ANSWER, {
      input: { id: company, expectedVersion: 1, text: 'Tak' },
    });
  });

  it('counts for the team, exactly, what was suggested, answered and acted on in each month of the period', async () => {
    // Act
    const october = await figures(team, '2026-10-01', '2026-10-31');
    const november = await figures(team, '2026-11-01', '2026-11-30');
    const both = await figures(team, '2026-10-01', '2026-11-30');
    // Assess
    expect(october).toEqual({
      suggestions: { madeByYoungPeople: 3, madeByCompanies: 1, answered: 1, actedOn: 1 },
      suppressed: false,
    });
    expect(november).toEqual({
      suggestions: { madeByYoungPeople: 1, madeByCompanies: 0, answered: 2, actedOn: 1 },
      suppressed: false,
    });
    expect(both).toEqual({
      suggestions: { madeByYoungPeople: 4, madeByCompanies: 1, answered: 3, actedOn: 2 },
      suppressed: false,
    });
  });

  it('shows the programme office the counts rounded to multiples of 5, a municipality and the programme total alike', async () => {
    // Act
    const municipality = await figures(programmeIdentity(), '2026-10-01', '2026-11-30');
    const total = await execute<{ _entities: Figures[] }>(
      server,
      as(programmeIdentity()),
      PROGRAMME,
    );
    // Assess
    const published = {
      suggestions: { madeByYoungPeople: 5, madeByCompanies: 0, answered: 5, actedOn: 0 },
      suppressed: true,
    };
    expect(municipality).toEqual(published);
    expect(total.data?._entities[0]?.networkStats).toEqual(published);
  });

  it.each([
    ['staff of another municipality', staffIdentity(KOBENHAVN)],
    ['a young person who suggested', youthIdentity(ROSKILDE, 'y-1')],
    ['a company contact who suggested', companyContactIdentity('c-1')],
  ])('refuses the suggestion figures to %s', async (_who, identity) => {
    // Act
    const result = await execute(server, as(identity), STATS, { code: ROSKILDE });
    const total = await execute(server, as(identity), PROGRAMME);
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(errorCodes(total)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(result.data)).not.toContain('madeByYoungPeople');
  });
});
