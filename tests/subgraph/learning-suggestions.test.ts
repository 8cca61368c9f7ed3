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
import { createTestTable } from '../support/table.ts';

const SUGGEST = `mutation ($input: SuggestToNetworkInput!) {
  suggestToNetwork(input: $input) {
    suggestion { id version authorSide anonymous state text municipality { code } }
    errors { code path }
  }
}`;

const ANSWER = `mutation ($input: AnswerSuggestionInput!) {
  answerSuggestion(input: $input) {
    suggestion { version state actedOnAt answer { text answeredAt } }
    errors { code path }
  }
}`;

const ACTED_ON = `mutation ($input: MarkSuggestionActedOnInput!) {
  markSuggestionActedOn(input: $input) { suggestion { version actedOnAt } errors { code } }
}`;

const LIST = `query ($code: ID!, $state: SuggestionState) {
  _entities(representations: [{ __typename: "Municipality", code: $code }]) {
    ... on Municipality { suggestions(state: $state) { edges { node { id text } } } }
  }
}`;

const AUTHOR = `query ($id: ID!) {
  suggestion(id: $id) { id authorYouth { id } authorContact { id } authorCompany { id } }
}`;

const ONE = 'query ($id: ID!) { suggestion(id: $id) { id text answer { text } } }';

const MINE = '{ mySuggestions { edges { node { id text answer { text } } } } }';

type Suggested = { suggestToNetwork: { suggestion: { id: string } | null } };

describe('learning community subgraph: suggestions to the network', () => {
  let table: Table;
  const as = (identity: Identity) => testContext(table, identity);
  const youth = youthIdentity('265', 'y-265-1');
  const otherYouth = youthIdentity('265', 'y-265-2');
  const team = staffIdentity('265');
  const contact = companyContactIdentity('c-265-1');
  const suggest = async (identity: Identity, input: Record<string, unknown>) => {
    const result = await execute<Suggested>(server, as(identity), SUGGEST, { input });
    const id = result.data?.suggestToNetwork.suggestion?.id;
    if (!id) throw new Error(JSON.stringify(result));
    return id;
  };

  beforeAll(async () => {
    table = await createTestTable();
    await putSharedWorld(table, {
      staff: [
        { id: 'staff-265-1', municipalityCode: '265' },
        { id: 'staff-101-1', municipalityCode: '101' },
      ],
      youth: [
        { id: 'y-265-1', municipalityCode: '265' },
        { id: 'y-265-2', municipalityCode: '265' },
        { id: 'y-101-1', municipalityCode: '101' },
      ],
      companies: [
        { id: 'c-265-1', municipalityCode: '265' },
        { id: 'c-101-1', municipalityCode: '101' },
      ],
      contacts: [
        { id: 'c-265-1-contact', companyId: 'c-265-1' },
        { id: 'c-101-1-contact', companyId: 'c-101-1' },
      ],
    });
  });

  it("puts a young person's suggestion to their municipality's network, open, and lists it for its team", async () => {
    // Act
    const result = await execute(server, as(youth), SUGGEST, {
      input: { text: 'Flere møder ude på virksomhederne' },
    });
    const id = (result.data as Suggested).suggestToNetwork.suggestion?.id as string;
    const listed = await execute(server, as(team), LIST, { code: '265', state: 'OPEN' });
    // Assess
    expect(result.data).toMatchObject({
      suggestToNetwork: {
        suggestion: {
          authorSide: 'YOUTH',
          anonymous: false,
          state: 'OPEN',
          version: 1,
          municipality: { code: '265' },
        },
        errors: [],
      },
    });
    expect(JSON.stringify(listed.data)).toContain(id);
  });

  it("puts a company contact's suggestion to their company's municipality", async () => {
    // Act
    const id = await suggest(contact, { text: 'Et fælles morgenmøde for virksomhederne' });
    const seen = await execute(server, as(team), AUTHOR, { id });
    // Assess
    expect(seen.data).toEqual({
      suggestion: {
        id,
        authorYouth: null,
        authorContact: { id: 'c-265-1-contact' },
        authorCompany: { id: 'c-265-1' },
      },
    });
  });

  it('shows the team no author of an anonymous suggestion, through any field, and the author sees their own', async () => {
    // Prepare
    const id = await suggest(youth, { text: 'Mere tid til at tale sammen', anonymous: true });
    // Act
    const byTeam = await execute(server, as(team), AUTHOR, { id });
    const byAuthor = await execute(server, as(youth), AUTHOR, { id });
    // Assess
    expect(errorCodes(byTeam)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(JSON.stringify(byTeam.data)).not.toContain('y-265-1');
    expect(byAuthor.data).toEqual({
      suggestion: { id, authorYouth: { id: 'y-265-1' }, authorContact: null, authorCompany: null },
    });
  });

  it('lets the team answer once and mark it acted on; the author reads the answer', async () => {
    // Prepare
    const id = await suggest(youth, { text: 'Kan vi få en fælles tur?' });
    // Act
    const answered = await execute(server, as(team), ANSWER, {
      input: { id, expectedVersion: 1, text: 'Ja, i maj' },
    });
    const again = await execute(server, as(team), ANSWER, {
      input: { id, expectedVersion: 2, text: 'Igen' },
    });
    const marked = await execute(server, as(team), ACTED_ON, { input: { id, expectedVersion: 2 } });
    const stale = await execute(server, as(team), ACTED_ON, { input: { id, expectedVersion: 2 } });
    const mine = await execute(server, as(youth), MINE);
    const answeredList = await execute(server, as(team), LIST, { code: '265', state: 'ANSWERED' });
    // Assess
    expect(answered.data).toMatchObject({
      answerSuggestion: {
        suggestion: {
          version: 2,
          state: 'ANSWERED',
          actedOnAt: null,
          answer: { text: 'Ja, i maj' },
        },
        errors: [],
      },
    });
    expect(again.data).toMatchObject({
      answerSuggestion: { suggestion: null, errors: [{ code: 'SUGGESTION_ALREADY_ANSWERED' }] },
    });
    expect(marked.data).toMatchObject({
      markSuggestionActedOn: { suggestion: { version: 3 }, errors: [] },
    });
    expect(
      (marked.data as { markSuggestionActedOn: { suggestion: { actedOnAt: string } } })
        .markSuggestionActedOn.suggestion.actedOnAt,
    ).toMatch(/^\d{4}-/);
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(JSON.stringify(mine.data)).toContain('Ja, i maj');
    expect(JSON.stringify(answeredList.data)).toContain(id);
  });

  it('applies a suggestion sent twice with one idempotency key once', async () => {
    // Act
    const input = { text: 'Bedre busforbindelser', idempotencyKey: 'sug-1' };
    const first = await suggest(otherYouth, input);
    const second = await suggest(otherYouth, input);
    const mine = await execute(server, as(otherYouth), MINE);
    // Assess
    expect(second).toBe(first);
    expect((mine.data as { mySuggestions: { edges: unknown[] } }).mySuggestions.edges).toHaveLength(
      1,
    );
  });

  it('refuses empty or too long text with a typed error and writes nothing', async () => {
    // Act
    const empty = await execute(server, as(youth), SUGGEST, { input: { text: '   ' } });
    const long = await execute(server, as(youth), SUGGEST, { input: { text: 'x'.repeat(4001) } });
    // Assess
    expect(errorCodes(empty)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(long)).toEqual(['BAD_USER_INPUT']);
  });

  describe('refusals', () => {
    let id: string;
    beforeAll(async () => {
      id = await suggest(youth, { text: 'Noget kun teamet i Roskilde skal se' });
    });

    it("answers another municipality's team as for an id of nothing, and refuses it the listing", async () => {
      // Act
      const read = await execute(server, as(staffIdentity('101')), ONE, { id });
      const answer = await execute(server, as(staffIdentity('101')), ANSWER, {
        input: { id, expectedVersion: 1, text: 'Nej' },
      });
      const nothing = await execute(server, as(staffIdentity('101')), ANSWER, {
        input: { id: 'no-such-suggestion', expectedVersion: 1, text: 'Nej' },
      });
      const listed = await execute(server, as(staffIdentity('101')), LIST, { code: '265' });
      // Assess
      expect(read.data).toEqual({ suggestion: null });
      expect(answer.data).toEqual(nothing.data);
      expect(errorCodes(listed)).toEqual(['FORBIDDEN']);
    });

    it('shows it to no other young person, company contact or the programme office', async () => {
      for (const stranger of [
        otherYouth,
        youthIdentity('101', 'y-101-1'),
        contact,
        companyContactIdentity('c-101-1'),
        programmeIdentity(),
      ]) {
        // Act
        const read = await execute(server, as(stranger), ONE, { id });
        // Assess
        expect(read.data).toEqual({ suggestion: null });
        expect(JSON.stringify(read)).not.toContain('kun teamet');
      }
    });

    it('lets neither the author nor a company contact answer or mark it', async () => {
      for (const caller of [youth, contact]) {
        // Act
        const answer = await execute(server, as(caller), ANSWER, {
          input: { id, expectedVersion: 1, text: 'Selv svar' },
        });
        const marked = await execute(server, as(caller), ACTED_ON, {
          input: { id, expectedVersion: 1 },
        });
        // Assess
        expect(errorCodes(answer)).toEqual(['FORBIDDEN']);
        expect(errorCodes(marked)).toEqual(['FORBIDDEN']);
      }
    });

    it('lets no team member suggest, and lets a contact removed from their company read nothing', async () => {
      // Prepare
      const own = await suggest(contact, { text: 'Fra en kontakt, der senere stopper' });
      await table.put({
        pk: 'CONTACT#c-265-1-contact',
        sk: 'CONTACT#c-265-1-contact',
        entity: 'CompanyContact',
        companyId: 'c-other',
      });
      // Act
      const byTeam = await execute(server, as(team), SUGGEST, { input: { text: 'Fra teamet' } });
      const read = await execute(server, as(contact), ONE, { id: own });
      const mine = await execute(server, as(contact), MINE);
      // Assess
      expect(errorCodes(byTeam)).toEqual(['FORBIDDEN']);
      expect(read.data).toEqual({ suggestion: null });
      expect(mine.data).toEqual({ mySuggestions: { edges: [] } });
    });
  });
});
