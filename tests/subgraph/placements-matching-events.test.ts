import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { server } from '#placements/server';
import { auditItemsOfDay } from '../support/audit-days.ts';
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
  entitiesQuery,
  givenHosts,
  givenYoungPeople,
  representation,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const CREATE = `mutation ($input: CreateMatchingEventInput!) { createMatchingEvent(input: $input) {
  matchingEvent { id title date place municipality { code } companies { id } youth { id } } errors { code path }
} }`;
const ADD = `mutation ($input: AddMatchingEventParticipantsInput!) { addMatchingEventParticipants(input: $input) {
  matchingEvent { id companies { id } youth { id } } errors { code }
} }`;
const NOTE = `mutation ($input: RecordMatchingEventNoteInput!) { recordMatchingEventNote(input: $input) {
  participation { note youth { id } event { id } } errors { code }
} }`;

type Created = {
  createMatchingEvent: { matchingEvent: { id: string } | null; errors: Array<{ code: string }> };
};

describe('placements subgraph: matching events', () => {
  let table: Table;
  let eventId: string;
  const as = (identity: Identity | null) => testContext(table, identity);
  const event = {
    municipalityCode: '615',
    title: 'Matchdag',
    date: '2026-12-03',
    place: 'Jobcentret',
    youthIds: ['y-1', 'y-2'],
    companyIds: ['c-1'],
  };

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(table, '615', ['y-1', 'y-2', 'y-3', 'y-4']);
    await givenYoungPeople(table, '101', ['y-cph']);
    await givenHosts(table, aHost('c-1', '615'), aHost('c-2', '615'));
    const created = await execute<Created>(server, as(staffIdentity('615')), CREATE, {
      input: event,
    });
    eventId = created.data?.createMatchingEvent.matchingEvent?.id as string;
  });

  it('plans an event with its young people and companies', async () => {
    // Act
    const result = await execute(
      server,
      as(staffIdentity('615')),
      'query ($id: ID!) { matchingEvent(id: $id) { title place youth { id } companies { id } } }',
      {
        id: eventId,
      },
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      matchingEvent: {
        title: 'Matchdag',
        place: 'Jobcentret',
        youth: [{ id: 'y-1' }, { id: 'y-2' }],
        companies: [{ id: 'c-1' }],
      },
    });
  });

  it('refuses a participant of another municipality with a user error', async () => {
    // Act
    const result = await execute(server, as(staffIdentity('615')), CREATE, {
      input: { ...event, youthIds: ['y-1', 'y-cph'] },
    });
    // Assess
    expect(result.data?.createMatchingEvent).toEqual({
      matchingEvent: null,
      errors: [{ code: 'YOUTH_NOT_FOUND', path: ['youthIds', '1'] }],
    });
  });

  it.each([
    // Another team adding to the event hears what an unknown event gets (#18, class 7).
    ['the team of another municipality', staffIdentity('101'), []],
    ['a young person', youthIdentity('615', 'y-1'), ['FORBIDDEN']],
    ['a company contact', companyContactIdentity('c-1'), ['FORBIDDEN']],
    ['the programme office', programmeIdentity(), ['FORBIDDEN']],
  ])('refuses %s to plan or add to an event', async (_who, identity, addCodes) => {
    // Act
    const created = await execute(server, as(identity), CREATE, { input: event });
    const added = await execute(server, as(identity), ADD, {
      input: { eventId, youthIds: ['y-3'], expectedVersion: 1 },
    });
    // Assess
    expect(errorCodes(created)).toEqual(['FORBIDDEN']);
    expect(errorCodes(added)).toEqual(addCodes);
  });

  it('adds participants, leaving those already there', async () => {
    // Act
    const result = await execute(server, as(staffIdentity('615')), ADD, {
      input: { eventId, youthIds: ['y-1', 'y-3'], companyIds: ['c-2'], expectedVersion: 1 },
    });
    // Assess
    expect(result.data?.addMatchingEventParticipants).toEqual({
      matchingEvent: {
        id: eventId,
        companies: [{ id: 'c-1' }, { id: 'c-2' }],
        youth: [{ id: 'y-1' }, { id: 'y-2' }, { id: 'y-3' }],
      },
      errors: [],
    });
  });

  it('shows participants the event but not who the young people are', async () => {
    // Act
    const asYouth = await execute(
      server,
      as(youthIdentity('615', 'y-1')),
      'query ($id: ID!) { matchingEvent(id: $id) { title companies { id } } }',
      { id: eventId },
    );
    const asCompany = await execute(
      server,
      as(companyContactIdentity('c-1')),
      'query ($id: ID!) { matchingEvent(id: $id) { title youth { id } } }',
      { id: eventId },
    );
    // Assess
    expect(asYouth.errors).toBeUndefined();
    expect(asYouth.data).toEqual({
      matchingEvent: { title: 'Matchdag', companies: [{ id: 'c-1' }, { id: 'c-2' }] },
    });
    expect(errorCodes(asCompany)).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['a young person not taking part', youthIdentity('615', 'y-9')],
    ['a company not taking part', companyContactIdentity('c-9')],
    ['the team of another municipality', staffIdentity('101')],
    ['the programme office', programmeIdentity()],
  ])('refuses %s the event', async (_who, identity) => {
    // Act
    const result = await execute(
      server,
      as(identity),
      'query ($id: ID!) { matchingEvent(id: $id) { title } }',
      { id: eventId },
    );
    // Assess
    expect(result.data?.matchingEvent).toBeNull();
    expect(errorCodes(result)).toEqual([]); // answered as an unknown id (#18, class 7)
  });

  it("records the young person's own notes and lists them with their events", async () => {
    // Act
    const noted = await execute(server, as(youthIdentity('615', 'y-2')), NOTE, {
      input: { eventId, note: 'Smeden var sej', expectedVersion: 1 },
    });
    const listed = await execute(
      server,
      as(youthIdentity('615', 'y-2')),
      entitiesQuery('Youth', 'matchingEvents { edges { node { note event { id title } } } }'),
      { representations: [representation('Youth', 'y-2')] },
    );
    // Assess
    expect(noted.data?.recordMatchingEventNote).toEqual({
      participation: { note: 'Smeden var sej', youth: { id: 'y-2' }, event: { id: eventId } },
      errors: [],
    });
    expect(listed.data?._entities).toEqual([
      {
        matchingEvents: {
          edges: [{ node: { note: 'Smeden var sej', event: { id: eventId, title: 'Matchdag' } } }],
        },
      },
    ]);
  });

  it('lets the team note on a young person’s behalf, and refuses others', async () => {
    // Act
    const byTeam = await execute(server, as(staffIdentity('615')), NOTE, {
      input: { eventId, youthId: 'y-1', note: 'Talte med c-1', expectedVersion: 1 },
    });
    const byOther = await execute(server, as(youthIdentity('615', 'y-2')), NOTE, {
      input: { eventId, youthId: 'y-1', note: 'x', expectedVersion: 2 },
    });
    const byCompany = await execute(server, as(companyContactIdentity('c-1')), NOTE, {
      input: { eventId, youthId: 'y-1', note: 'x', expectedVersion: 2 },
    });
    const byOtherTeam = await execute(server, as(staffIdentity('101')), NOTE, {
      input: { eventId, youthId: 'y-1', note: 'x', expectedVersion: 2 },
    });
    const notThere = await execute(server, as(youthIdentity('615', 'y-9')), NOTE, {
      input: { eventId, note: 'x', expectedVersion: 1 },
    });
    // Assess
    expect(byTeam.data?.recordMatchingEventNote).toMatchObject({
      participation: { note: 'Talte med c-1' },
      errors: [],
    });
    expect(errorCodes(byOther)).toEqual(['FORBIDDEN']);
    expect(errorCodes(byCompany)).toEqual(['FORBIDDEN']);
    expect(errorCodes(byOtherTeam)).toEqual([]); // answered as an unknown event (#18, class 7)
    expect(notThere.data?.recordMatchingEventNote).toMatchObject({
      errors: [{ code: 'NOT_A_PARTICIPANT' }],
    });
  });

  it("lists the municipality's events to its team only", async () => {
    // Prepare
    const query = entitiesQuery('Municipality', 'matchingEvents { edges { node { id } } }');
    const variables = { representations: [{ __typename: 'Municipality', code: '615' }] };
    // Act
    const own = await execute(server, as(staffIdentity('615')), query, variables);
    const other = await execute(server, as(staffIdentity('101')), query, variables);
    const programme = await execute(server, as(programmeIdentity()), query, variables);
    // Assess
    expect(own.data?._entities).toEqual([
      { matchingEvents: { edges: [{ node: { id: eventId } }] } },
    ]);
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    expect(errorCodes(programme)).toEqual(['FORBIDDEN']);
  });

  it("refuses another young person a young person's events", async () => {
    // Act
    const result = await execute(
      server,
      as(youthIdentity('615', 'y-1')),
      entitiesQuery('Youth', 'matchingEvents { edges { node { note } } }'),
      {
        representations: [representation('Youth', 'y-2')],
      },
    );
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });
  describe('sent again, or on a stale version', () => {
    const another = { ...event, title: 'Matchdag 2', youthIds: ['y-4'], companyIds: [] };

    it('answers a repeat of a new event with the same idempotency key with the first and writes nothing', async () => {
      // Prepare
      const input = { ...another, idempotencyKey: 'event-615-2' };
      const first = await execute<Created>(server, as(staffIdentity('615')), CREATE, { input });
      const items = (await changedItems(table)).length;
      // Act
      const again = await execute<Created>(server, as(staffIdentity('615')), CREATE, { input });
      // Assess
      expect(first.data?.createMatchingEvent.errors).toEqual([]);
      expect(again.data?.createMatchingEvent).toEqual(first.data?.createMatchingEvent);
      expect((await changedItems(table)).length).toBe(items);
    });

    it('refuses the same key with another event with IDEMPOTENCY_KEY_REUSED and writes nothing', async () => {
      // Prepare
      const items = (await changedItems(table)).length;
      // Act
      const reused = await execute(server, as(staffIdentity('615')), CREATE, {
        input: { ...another, title: 'Matchdag 3', idempotencyKey: 'event-615-2' },
      });
      // Assess
      expect(errorCodes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
      expect((await changedItems(table)).length).toBe(items);
    });

    it('answers a repeated note with the same key as the first and writes nothing', async () => {
      // Prepare
      const input = {
        eventId,
        note: 'Bagerne var søde',
        expectedVersion: 1,
        idempotencyKey: 'n-3',
      };
      const first = await execute(server, as(youthIdentity('615', 'y-3')), NOTE, { input });
      const items = (await changedItems(table)).length;
      // Act
      const again = await execute(server, as(youthIdentity('615', 'y-3')), NOTE, { input });
      // Assess
      expect(first.data?.recordMatchingEventNote).toMatchObject({ errors: [] });
      expect(again.data).toEqual(first.data);
      expect((await changedItems(table)).length).toBe(items);
    });

    it('refuses participants and a note on a stale version with CONFLICT, writing nothing', async () => {
      // Prepare
      const items = await changedItems(table);
      // Act
      const added = await execute(server, as(staffIdentity('615')), ADD, {
        input: { eventId, youthIds: ['y-4'], expectedVersion: 1 },
      });
      const noted = await execute(server, as(youthIdentity('615', 'y-3')), NOTE, {
        input: { eventId, note: 'Igen', expectedVersion: 1 },
      });
      // Assess
      expect(added.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
      expect(noted.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
      expect(await changedItems(table)).toEqual(items);
    });

    it("records a new event in the day's audit trail under its municipality, a note in the young person's", async () => {
      // Act
      const day = await auditItemsOfDay(table, '2026-11-26');
      const trail = await table.queryAll({ partition: AUDIT_KEYS.youthPartition('y-2') });
      // Assess
      const changes = day.filter((item) => item.action === 'CHANGE');
      expect(changes.map((item) => item.target)).toEqual(
        expect.arrayContaining([
          'Mutation.createMatchingEvent',
          'Mutation.addMatchingEventParticipants',
        ]),
      );
      expect(changes.every((item) => item.municipalityCode === '615')).toBe(true);
      expect(trail.filter((item) => item.action === 'CHANGE').map((item) => item.target)).toEqual([
        'Mutation.recordMatchingEventNote',
      ]);
    });
  });
});
