import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { companyCompanyTieKey, youthCompanyTieKey } from '#kernel/ties';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import {
  aHost,
  changedItems,
  createPlacementInput,
  entitiesQuery,
  givenHosts,
  givenYoungPeople,
  givenYouthCompanyLink,
  representation,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const CREATE = `mutation ($input: CreateMatchingEventInput!) { createMatchingEvent(input: $input) {
  matchingEvent { id } errors { code }
} }`;
const MEETINGS = `mutation ($input: RecordMatchingEventMeetingsInput!) {
  recordMatchingEventMeetings(input: $input) { matchingEvent { id } errors { code path } }
}`;
const YOUTH_TIES = entitiesQuery(
  'Youth',
  `companyTies { company { id } ways firstContact lastContact youthInterest companyInterest strength }`,
);
const COMPANY_TIES = entitiesQuery(
  'Company',
  'youthTies { edges { node { youth { id } ways strength } } }',
);

type Meetings = {
  recordMatchingEventMeetings: {
    matchingEvent: { id: string } | null;
    errors: Array<{ code: string; path: string[] }>;
  };
};

describe('placements subgraph: ties between young people and companies', () => {
  let table: Table;
  let heldId: string;
  let comingId: string;
  const now = new Date('2026-11-26T10:00:00Z');
  const as = (identity: Identity) => testContext(table, identity, now);
  const team = staffIdentity('615');
  const record = (identity: Identity, input: Record<string, unknown>) =>
    execute<Meetings>(server, as(identity), MEETINGS, { input });
  const meeting = (youthId: string, companyId: string, interest: Record<string, string> = {}) => ({
    youthId,
    companyId,
    ...interest,
  });
  const youthTies = (identity: Identity, youthId: string) =>
    execute(server, as(identity), YOUTH_TIES, {
      representations: [representation('Youth', youthId)],
    });
  const companyTies = (identity: Identity, companyId: string) =>
    execute(server, as(identity), COMPANY_TIES, {
      representations: [representation('Company', companyId)],
    });

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(table, '615', ['y-1', 'y-2', 'y-3', 'y-out', 'y-placed']);
    await givenYoungPeople(table, '101', ['y-cph']);
    await givenHosts(
      table,
      aHost('c-1', '615'),
      aHost('c-2', '615'),
      aHost('c-3', '615'),
      aHost('c-cph', '101'),
    );
    const event = (date: string) =>
      execute<{ createMatchingEvent: { matchingEvent: { id: string } } }>(
        server,
        as(team),
        CREATE,
        {
          input: {
            municipalityCode: '615',
            title: 'Matchdag',
            date,
            place: 'Jobcentret',
            youthIds: ['y-1', 'y-2', 'y-3'],
            companyIds: ['c-1', 'c-2'],
          },
        },
      );
    heldId = (await event('2026-11-10')).data?.createMatchingEvent.matchingEvent.id as string;
    comingId = (await event('2026-12-10')).data?.createMatchingEvent.matchingEvent.id as string;
  });

  describe('recordMatchingEventMeetings', () => {
    it('ties each pair that met, dated the event, with the interest each side expressed', async () => {
      // Act
      const result = await record(team, {
        eventId: heldId,
        meetings: [
          meeting('y-1', 'c-1', { youthInterest: 'STRONG', companyInterest: 'SOME' }),
          meeting('y-1', 'c-2'),
        ],
      });
      const ties = await youthTies(youthIdentity('615', 'y-1'), 'y-1');
      // Assess
      expect(result.data?.recordMatchingEventMeetings).toEqual({
        matchingEvent: { id: heldId },
        errors: [],
      });
      expect(ties.errors).toBeUndefined();
      expect(ties.data?._entities).toEqual([
        {
          companyTies: [
            {
              company: { id: 'c-1' },
              ways: ['MATCHING_EVENT'],
              firstContact: '2026-11-10',
              lastContact: '2026-11-10',
              youthInterest: 'STRONG',
              companyInterest: 'SOME',
              strength: 'MUTUAL_INTEREST',
            },
            {
              company: { id: 'c-2' },
              ways: ['MATCHING_EVENT'],
              firstContact: '2026-11-10',
              lastContact: '2026-11-10',
              youthInterest: 'NONE',
              companyInterest: 'NONE',
              strength: 'MET',
            },
          ],
        },
      ]);
    });

    it('records the same meeting twice as one tie, unchanged', async () => {
      // Prepare
      const input = { eventId: heldId, meetings: [meeting('y-2', 'c-1')] };
      await record(team, input);
      const before = await table.get(youthCompanyTieKey('y-2', 'c-1'));
      // Act
      const again = await record(team, {
        ...input,
        meetings: [...input.meetings, input.meetings[0]],
      });
      // Assess
      expect(again.data?.recordMatchingEventMeetings.errors).toEqual([]);
      expect(await table.get(youthCompanyTieKey('y-2', 'c-1'))).toEqual(before);
      const ties = (await changedItems(table)).filter((item) => String(item.sk).startsWith('TIE#'));
      expect(ties.filter((item) => item.pk === 'YOUTH#y-2')).toHaveLength(1);
    });

    it('refuses a young person or a company that did not take part, writing nothing', async () => {
      // Prepare
      const before = await changedItems(table);
      // Act
      const youthOut = await record(team, { eventId: heldId, meetings: [meeting('y-out', 'c-1')] });
      const companyOut = await record(team, { eventId: heldId, meetings: [meeting('y-1', 'c-3')] });
      // Assess
      expect(youthOut.data?.recordMatchingEventMeetings.errors).toEqual([
        { code: 'NOT_A_PARTICIPANT', path: ['meetings', '0', 'youthId'] },
      ]);
      expect(companyOut.data?.recordMatchingEventMeetings.errors).toEqual([
        { code: 'NOT_A_PARTICIPANT', path: ['meetings', '0', 'companyId'] },
      ]);
      expect(await changedItems(table)).toEqual(before);
    });

    it('refuses meetings at an event not held yet', async () => {
      // Act
      const result = await record(team, { eventId: comingId, meetings: [meeting('y-1', 'c-1')] });
      // Assess
      expect(result.data?.recordMatchingEventMeetings.errors).toEqual([
        { code: 'EVENT_NOT_HELD_YET', path: ['eventId'] },
      ]);
      expect(await table.get(youthCompanyTieKey('y-1', 'c-1'))).toMatchObject({
        contactDays: new Set(['2026-11-10']),
      });
    });

    it('refuses an empty list or an unknown interest as malformed input', async () => {
      // Act
      const empty = await record(team, { eventId: heldId, meetings: [] });
      const unknown = await record(team, {
        eventId: heldId,
        meetings: [meeting('y-1', 'c-1', { youthInterest: 'HUGE' })],
      });
      // Assess
      expect(errorCodes(empty)).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(unknown)).toEqual(['BAD_USER_INPUT']);
    });

    it.each([
      ['a young person', youthIdentity('615', 'y-1'), ['FORBIDDEN']],
      ['a company contact', companyContactIdentity('c-1'), ['FORBIDDEN']],
      ['the programme office', programmeIdentity(), ['FORBIDDEN']],
      // Another team hears what an unknown event gets (#18, class 7).
      ['the team of another municipality', staffIdentity('101'), []],
    ])('refuses %s', async (_who, identity, codes) => {
      // Act
      const result = await record(identity, { eventId: heldId, meetings: [meeting('y-3', 'c-1')] });
      // Assess
      expect(errorCodes(result)).toEqual(codes);
      expect(await table.get(youthCompanyTieKey('y-3', 'c-1'))).toBeUndefined();
    });
  });

  describe('other sources', () => {
    it('ties a young person to a company they wish for, as chosen', async () => {
      // Act
      await execute(
        server,
        as(youthIdentity('615', 'y-2')),
        `mutation ($input: CreateWishInput!) { createWish(input: $input) { errors { code } } }`,
        { input: { companyId: 'c-2', rank: 1, motivation: 'Jeg vil gerne prøve det' } },
      );
      const ties = await youthTies(staffIdentity('615'), 'y-2');
      // Assess
      const [youth] = (ties.data?._entities ?? []) as Array<{ companyTies: unknown[] }>;
      expect(youth?.companyTies[0]).toMatchObject({
        company: { id: 'c-2' },
        ways: ['WISH'],
        youthInterest: 'STRONG',
        strength: 'CHOSEN',
      });
    });

    it("ties the companies that hosted the same young person's placements", async () => {
      // Prepare
      const place = (companyId: string, startDate: string) =>
        execute(
          server,
          as(team),
          `mutation ($input: CreatePlacementInput!) { createPlacement(input: $input) { errors { code } } }`,
          { input: { ...createPlacementInput('y-placed', companyId), startDate } },
        );
      expect((await place('c-1', '2027-01-04')).errors).toBeUndefined();
      // Act
      await place('c-3', '2027-05-03');
      const ties = await execute(
        server,
        as(companyContactIdentity('c-1')),
        entitiesQuery('Company', 'companyTies { company { id } ways }'),
        { representations: [representation('Company', 'c-1')] },
      );
      // Assess
      expect(await table.get(companyCompanyTieKey('c-3', 'c-1'))).toBeDefined();
      expect(ties.data?._entities).toEqual([
        { companyTies: [{ company: { id: 'c-3' }, ways: ['SHARED_PLACEMENTS'] }] },
      ]);
    });
  });

  describe('who sees ties', () => {
    it.each([
      ['another young person', youthIdentity('615', 'y-2')],
      ['the team of another municipality', staffIdentity('101')],
      ['a company contact, even of a company it met', companyContactIdentity('c-1')],
      ['the programme office', programmeIdentity()],
    ])("refuses %s a young person's ties", async (_who, identity) => {
      // Act
      const result = await youthTies(identity, 'y-1');
      // Assess
      expect(errorCodes(result)).toContain('FORBIDDEN');
      expect(JSON.stringify(result.data ?? {})).not.toContain('c-1');
    });

    it("shows the company's municipal team its young people's ties", async () => {
      // Act
      const result = await companyTies(team, 'c-1');
      // Assess
      expect(result.errors).toBeUndefined();
      const [company] = (result.data?._entities ?? []) as Array<{
        youthTies: { edges: Array<{ node: { youth: { id: string } } }> };
      }>;
      expect(company?.youthTies.edges.map((edge) => edge.node.youth.id)).toEqual([
        'y-1',
        'y-2',
        'y-placed',
      ]);
    });

    it('shows a contact only the young people the company is tied to now, not those it only met', async () => {
      // Prepare
      await givenYouthCompanyLink(table, 'y-2', 'c-1', ['WISH#w-open']);
      // Act
      const result = await companyTies(companyContactIdentity('c-1'), 'c-1');
      // Assess
      expect(result.errors).toBeUndefined();
      // y-1 met the company at the event only; y-placed has a planned placement there.
      expect(result.data?._entities).toEqual([
        {
          youthTies: {
            edges: [
              { node: { youth: { id: 'y-2' }, ways: ['MATCHING_EVENT'], strength: 'MET' } },
              { node: { youth: { id: 'y-placed' }, ways: ['PLACEMENT'], strength: 'PLACEMENT' } },
            ],
          },
        },
      ]);
    });

    it.each([
      ["another company's contact", companyContactIdentity('c-2')],
      ['the team of another municipality', staffIdentity('101')],
      ['a young person', youthIdentity('615', 'y-1')],
      ['the programme office', programmeIdentity()],
    ])("refuses %s a company's ties", async (_who, identity) => {
      // Act
      const result = await companyTies(identity, 'c-1');
      // Assess
      expect(errorCodes(result)).toContain('FORBIDDEN');
      expect(JSON.stringify(result.data ?? {})).not.toContain('y-');
    });
  });
});
