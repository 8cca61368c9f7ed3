import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '#kernel/table/table';
import type { NetworkGroup } from '#learning-community/domain/network-group';
import { server } from '#learning-community/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { givenGroup, givenSession, putSharedWorld } from '../support/learning-factories.ts';
import { createTestTable } from '../support/table.ts';

const SCHEDULE = `mutation ($input: ScheduleNetworkSessionInput!) {
  scheduleNetworkSession(input: $input) {
    session { id date theme facilitator { id } attendanceRecorded version group { id } }
    errors { code path }
  }
}`;

const RECORD = `mutation ($input: RecordSessionAttendanceInput!) {
  recordSessionAttendance(input: $input) {
    session { version attendanceRecorded attendance { memberId status youth { id } contact { id } } }
    errors { code path }
  }
}`;

const UPDATE = `mutation ($input: UpdateNetworkSessionInput!) {
  updateNetworkSession(input: $input) { session { date theme notes version } errors { code path } }
}`;

const YOUTH_ATTENDANCE = `query ($id: ID!) {
  _entities(representations: [{ __typename: "Youth", id: $id }]) {
    ... on Youth {
      attendance {
        present absent excused rate
        records { edges { node { date status session { id theme } } } }
      }
    }
  }
}`;

const SESSION = `query ($id: ID!) { networkSession(id: $id) { id date theme group { id } } }`;

/** Today in the tests' clock is 2026-11-26. */
const TODAY = '2026-11-26';

describe('learning community subgraph: sessions and attendance', () => {
  let table: Table;
  let group: NetworkGroup;
  const consultant = () =>
    testContext(table, staffIdentity('630', 'NETWORK_CONSULTANT', 'staff-630-2'));

  beforeAll(async () => {
    table = await createTestTable();
    await putSharedWorld(table, {
      staff: [
        { id: 'staff-630-1', municipalityCode: '630' },
        { id: 'staff-630-2', municipalityCode: '630' },
        { id: 'staff-615-1', municipalityCode: '615' },
      ],
      youth: [
        { id: 'y-630-1', municipalityCode: '630' },
        { id: 'y-630-2', municipalityCode: '630' },
        { id: 'y-630-3', municipalityCode: '630' },
        { id: 'y-630-9', municipalityCode: '630' },
      ],
      companies: [{ id: 'c-630-1', municipalityCode: '630' }],
      contacts: [{ id: 'ct-630-1', companyId: 'c-630-1' }],
    });
    group = await givenGroup(table, {
      municipalityCode: '630',
      facilitatorId: 'staff-630-2',
      members: ['y-630-1', 'y-630-2', 'y-630-3'],
    });
  });

  describe('the weekly session of a youth group', () => {
    it('is scheduled, its attendance recorded, and the young person sees their rate', async () => {
      // Prepare
      const scheduled = await execute<{ scheduleNetworkSession: { session: { id: string } } }>(
        server,
        consultant(),
        SCHEDULE,
        { input: { groupId: group.id, date: '2026-11-25', theme: 'Første uge i praktik' } },
      );
      const sessionId = scheduled.data?.scheduleNetworkSession.session.id;
      // Act
      const recorded = await execute(server, consultant(), RECORD, {
        input: {
          sessionId,
          expectedVersion: 1,
          attendance: [
            { memberId: 'y-630-1', status: 'PRESENT' },
            { memberId: 'y-630-2', status: 'EXCUSED' },
            { memberId: 'y-630-3', status: 'ABSENT' },
          ],
        },
      });
      const seen = await execute<{ _entities: unknown[] }>(
        server,
        testContext(table, youthIdentity('630', 'y-630-1')),
        YOUTH_ATTENDANCE,
        { id: 'y-630-1' },
      );
      // Assess
      expect(scheduled.data?.scheduleNetworkSession).toMatchObject({
        session: {
          date: '2026-11-25',
          facilitator: { id: 'staff-630-2' },
          attendanceRecorded: false,
          version: 1,
          group: { id: group.id },
        },
        errors: [],
      });
      expect(recorded.data).toEqual({
        recordSessionAttendance: {
          session: {
            version: 2,
            attendanceRecorded: true,
            attendance: [
              { memberId: 'y-630-1', status: 'PRESENT', youth: { id: 'y-630-1' }, contact: null },
              { memberId: 'y-630-2', status: 'EXCUSED', youth: { id: 'y-630-2' }, contact: null },
              { memberId: 'y-630-3', status: 'ABSENT', youth: { id: 'y-630-3' }, contact: null },
            ],
          },
          errors: [],
        },
      });
      expect(seen.errors).toBeUndefined();
      expect(seen.data?._entities[0]).toEqual({
        attendance: {
          present: 1,
          absent: 0,
          excused: 0,
          rate: 1,
          records: {
            edges: [
              {
                node: {
                  date: '2026-11-25',
                  status: 'PRESENT',
                  session: { id: sessionId, theme: 'Første uge i praktik' },
                },
              },
            ],
          },
        },
      });
    });

    it("recording again replaces the list and moves each member's totals", async () => {
      // Prepare
      const earlier = await givenSession(table, group, { date: '2026-11-18' });
      await execute(server, consultant(), RECORD, {
        input: {
          sessionId: earlier.id,
          expectedVersion: 1,
          attendance: [
            { memberId: 'y-630-2', status: 'ABSENT' },
            { memberId: 'y-630-3', status: 'PRESENT' },
          ],
        },
      });
      // Act
      const again = await execute(server, consultant(), RECORD, {
        input: {
          sessionId: earlier.id,
          expectedVersion: 2,
          attendance: [{ memberId: 'y-630-2', status: 'PRESENT' }],
        },
      });
      const y2 = await execute<{ _entities: Array<{ attendance: unknown }> }>(
        server,
        consultant(),
        YOUTH_ATTENDANCE,
        { id: 'y-630-2' },
      );
      const y3 = await execute<{ _entities: Array<{ attendance: unknown }> }>(
        server,
        consultant(),
        YOUTH_ATTENDANCE,
        { id: 'y-630-3' },
      );
      // Assess
      expect(again.data).toMatchObject({
        recordSessionAttendance: {
          session: { version: 3, attendance: [{ memberId: 'y-630-2', status: 'PRESENT' }] },
          errors: [],
        },
      });
      expect(y2.data?._entities[0]?.attendance).toMatchObject({
        present: 1,
        absent: 0,
        excused: 1,
        rate: 0.5,
      });
      expect(y3.data?._entities[0]?.attendance).toMatchObject({
        present: 0,
        absent: 1,
        excused: 0,
        rate: 0,
      });
    });
  });

  describe('rules of recording attendance', () => {
    it.each([
      [
        'a session still to come',
        '2026-12-03',
        [{ memberId: 'y-630-1', status: 'PRESENT' }],
        { code: 'SESSION_IN_FUTURE', path: ['sessionId'] },
      ],
      [
        'someone who is not a member',
        TODAY,
        [
          { memberId: 'y-630-1', status: 'PRESENT' },
          { memberId: 'y-630-9', status: 'PRESENT' },
        ],
        { code: 'NOT_A_MEMBER', path: ['attendance', '1', 'memberId'] },
      ],
      [
        'a member listed twice',
        TODAY,
        [
          { memberId: 'y-630-1', status: 'PRESENT' },
          { memberId: 'y-630-1', status: 'ABSENT' },
        ],
        { code: 'DUPLICATE_MEMBER', path: ['attendance', '1', 'memberId'] },
      ],
    ])('refuses attendance for %s and writes nothing', async (_case, date, attendance, error) => {
      // Prepare
      const session = await givenSession(table, group, { date });
      // Act
      const result = await execute(server, consultant(), RECORD, {
        input: { sessionId: session.id, expectedVersion: 1, attendance },
      });
      const after = await execute(
        server,
        consultant(),
        'query ($id: ID!) { networkSession(id: $id) { version attendanceRecorded } }',
        { id: session.id },
      );
      // Assess
      expect(result.data).toEqual({ recordSessionAttendance: { session: null, errors: [error] } });
      expect(after.data).toEqual({ networkSession: { version: 1, attendanceRecorded: false } });
    });

    it('rejects an unknown attendance status as malformed', async () => {
      // Prepare
      const session = await givenSession(table, group, { date: TODAY });
      // Act
      const result = await execute(server, consultant(), RECORD, {
        input: {
          sessionId: session.id,
          expectedVersion: 1,
          attendance: [{ memberId: 'y-630-1', status: 'LATE' }],
        },
      });
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });

    it.each([
      // A stranger to the session hears what an unknown id gets (#18, class 7); roles that may
      // record no attendance are refused whatever the id.
      ['staff of another municipality', staffIdentity('615'), 'NOT_FOUND'],
      ['a young person of the group', youthIdentity('630', 'y-630-1'), 'FORBIDDEN'],
      ['the programme office', programmeIdentity(), 'FORBIDDEN'],
    ])('refuses %s', async (_who, identity, code) => {
      // Prepare
      const session = await givenSession(table, group, { date: TODAY });
      // Act
      const result = await execute(server, testContext(table, identity), RECORD, {
        input: {
          sessionId: session.id,
          expectedVersion: 1,
          attendance: [{ memberId: 'y-630-1', status: 'PRESENT' }],
        },
      });
      // Assess
      expect(errorCodes(result)).toEqual([code]);
    });
  });

  describe('scheduling and changing sessions', () => {
    it("refuses a session in another municipality's group", async () => {
      // Act
      const result = await execute(server, testContext(table, staffIdentity('615')), SCHEDULE, {
        input: { groupId: group.id, date: TODAY, theme: 'Mødestabilitet' },
      });
      // Assess
      expect(errorCodes(result)).toEqual(['NOT_FOUND']); // as an unknown id (#18, class 7)
    });

    it('refuses a facilitator from another team', async () => {
      // Act
      const result = await execute(server, consultant(), SCHEDULE, {
        input: {
          groupId: group.id,
          date: TODAY,
          theme: 'Mødestabilitet',
          facilitatorId: 'staff-615-1',
        },
      });
      // Assess
      expect(result.data).toEqual({
        scheduleNetworkSession: {
          session: null,
          errors: [{ code: 'NOT_ON_TEAM', path: ['facilitatorId'] }],
        },
      });
    });

    it('moves a planned session but not one with recorded attendance', async () => {
      // Prepare
      const planned = await givenSession(table, group, { date: '2026-12-02' });
      const held = await givenSession(table, group, { date: '2026-11-11' });
      await execute(server, consultant(), RECORD, {
        input: {
          sessionId: held.id,
          expectedVersion: 1,
          attendance: [{ memberId: 'y-630-1', status: 'PRESENT' }],
        },
      });
      // Act
      const moved = await execute(server, consultant(), UPDATE, {
        input: {
          id: planned.id,
          expectedVersion: 1,
          date: '2026-12-03',
          notes: 'Flyttet pga. helligdag',
        },
      });
      const refused = await execute(server, consultant(), UPDATE, {
        input: { id: held.id, expectedVersion: 2, date: '2026-11-12' },
      });
      const stale = await execute(server, consultant(), UPDATE, {
        input: { id: planned.id, expectedVersion: 1, theme: 'Ny' },
      });
      // Assess
      expect(moved.data).toEqual({
        updateNetworkSession: {
          session: {
            date: '2026-12-03',
            theme: 'Hvad er jeg god til?',
            notes: 'Flyttet pga. helligdag',
            version: 2,
          },
          errors: [],
        },
      });
      expect(refused.data).toEqual({
        updateNetworkSession: {
          session: null,
          errors: [{ code: 'SESSION_ALREADY_HELD', path: ['date'] }],
        },
      });
      expect(errorCodes(stale)).toEqual(['CONFLICT']);
    });

    it('refuses changes by staff of another municipality', async () => {
      // Prepare
      const session = await givenSession(table, group, { date: TODAY });
      // Act
      const result = await execute(server, testContext(table, staffIdentity('615')), UPDATE, {
        input: { id: session.id, expectedVersion: 1, theme: 'X' },
      });
      // Assess
      expect(errorCodes(result)).toEqual(['NOT_FOUND']); // as an unknown id (#18, class 7)
    });
  });

  describe('who sees sessions', () => {
    it('shows a session but not its notes or attendance to a young person of the group', async () => {
      // Prepare
      const session = await givenSession(table, group, { date: '2026-11-04' });
      const youth = testContext(table, youthIdentity('630', 'y-630-1'));
      // Act
      const visible = await execute(server, youth, SESSION, { id: session.id });
      const notes = await execute(
        server,
        youth,
        'query ($id: ID!) { networkSession(id: $id) { notes } }',
        {
          id: session.id,
        },
      );
      const attendance = await execute(
        server,
        youth,
        'query ($id: ID!) { networkSession(id: $id) { attendance { status } } }',
        { id: session.id },
      );
      const staffNotes = await execute(
        server,
        consultant(),
        'query ($id: ID!) { networkSession(id: $id) { notes } }',
        { id: session.id },
      );
      // Assess
      expect(visible.data).toEqual({
        networkSession: {
          id: session.id,
          date: '2026-11-04',
          theme: 'Hvad er jeg god til?',
          group: { id: group.id },
        },
      });
      expect(notes.data).toEqual({ networkSession: { notes: null } });
      expect(errorCodes(notes)).toEqual(['FORBIDDEN']);
      expect(errorCodes(attendance)).toEqual(['FORBIDDEN']);
      expect(staffNotes.data).toEqual({
        networkSession: { notes: 'Godt fremmøde; to nye deltagere' },
      });
    });

    it.each([
      ['a young person outside the group', youthIdentity('630', 'y-630-9')],
      ['staff of another municipality', staffIdentity('615')],
      ['a company contact', companyContactIdentity('c-630-1')],
    ])('refuses a session and the group sessions to %s', async (_who, identity) => {
      // Prepare
      const session = await givenSession(table, group, { date: '2026-11-04' });
      // Act
      const one = await execute(server, testContext(table, identity), SESSION, { id: session.id });
      const list = await execute(
        server,
        testContext(table, identity),
        `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on NetworkGroup { sessions { edges { node { id } } } } } }`,
        { reps: [{ __typename: 'NetworkGroup', id: group.id }] },
      );
      // Assess
      expect(errorCodes(one)).toEqual([]); // as an unknown id (#18, class 7)
      expect(errorCodes(list)).toEqual(['FORBIDDEN']);
    });
  });

  describe("who sees a young person's groups and attendance", () => {
    const YOUTH_FIELDS = `query ($id: ID!) {
      _entities(representations: [{ __typename: "Youth", id: $id }]) {
        ... on Youth { networkGroups { id } attendance { rate } }
      }
    }`;

    it('shows them to the young person and to their team', async () => {
      // Act
      const own = await execute(
        server,
        testContext(table, youthIdentity('630', 'y-630-3')),
        YOUTH_FIELDS,
        {
          id: 'y-630-3',
        },
      );
      const team = await execute(
        server,
        testContext(table, staffIdentity('630', 'PSYCHOLOGIST')),
        YOUTH_FIELDS,
        {
          id: 'y-630-3',
        },
      );
      // Assess
      expect(own.errors).toBeUndefined();
      expect(own.data).toMatchObject({ _entities: [{ networkGroups: [{ id: group.id }] }] });
      expect(team.data).toEqual(own.data);
    });

    it.each([
      ['another young person of the group', youthIdentity('630', 'y-630-1')],
      ['staff of another municipality', staffIdentity('615')],
      ['a company contact', companyContactIdentity('c-630-1')],
      ['the programme office', programmeIdentity()],
    ])('refuses them to %s', async (_who, identity) => {
      // Act
      const result = await execute(server, testContext(table, identity), YOUTH_FIELDS, {
        id: 'y-630-3',
      });
      // Assess
      expect(result.data).toEqual({ _entities: [null] });
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });
  });
});
