import { beforeAll, describe, expect, it } from 'vitest';
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
import { givenGroup, givenSession, putSharedWorld } from '../support/learning-factories.ts';
import { createTestTable } from '../support/table.ts';

const GROUPS = `query ($code: ID!, $kind: NetworkGroupKind, $first: Int, $after: String) {
  _entities(representations: [{ __typename: "Municipality", code: $code }]) {
    ... on Municipality {
      networkGroups(kind: $kind, first: $first, after: $after) {
        edges { node { id kind } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

const STATS = `query ($code: ID!, $from: Date, $to: Date) {
  _entities(representations: [{ __typename: "Municipality", code: $code }]) {
    ... on Municipality {
      networkStats(from: $from, to: $to) {
        youthGroups companyGroups sessionsHeld attendance { present absent excused rate }
      }
    }
  }
}`;

/** The shape of a page of groups in these tests' results. */
interface GroupsResult {
  _entities: Array<{
    networkGroups: {
      edges: Array<{ node: { id: string; kind: string } }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  }>;
}

const RECORD = `mutation ($input: RecordSessionAttendanceInput!) {
  recordSessionAttendance(input: $input) { session { id } errors { code } }
}`;

describe('learning community subgraph: municipality groups and figures', () => {
  let table: Table;
  const youthIds = Array.from({ length: 6 }, (_, i) => `y-615-${i + 1}`);

  beforeAll(async () => {
    table = await createTestTable();
    await putSharedWorld(table, {
      staff: [{ id: 'staff-615-1', municipalityCode: '615' }],
      youth: youthIds.map((id) => ({ id, municipalityCode: '615' })),
    });
    const group = await givenGroup(table, {
      municipalityCode: '615',
      members: youthIds,
      id: 'g-615-a',
    });
    await givenGroup(table, { municipalityCode: '615', id: 'g-615-b' });
    await givenGroup(table, { municipalityCode: '615', kind: 'COMPANY', id: 'g-615-c' });
    await givenGroup(table, { municipalityCode: '101', id: 'g-101-a' });
    const october = await givenSession(table, group, { date: '2026-10-14' });
    const november = await givenSession(table, group, { date: '2026-11-11' });
    const staff = testContext(table, staffIdentity('615'));
    await execute(server, staff, RECORD, {
      input: {
        sessionId: october.id,
        expectedVersion: 1,
        attendance: youthIds.map((memberId, i) => ({
          memberId,
          status: i < 4 ? 'PRESENT' : i === 4 ? 'EXCUSED' : 'ABSENT',
        })),
      },
    });
    await execute(server, staff, RECORD, {
      input: {
        sessionId: november.id,
        expectedVersion: 1,
        attendance: youthIds.map((memberId) => ({ memberId, status: 'PRESENT' })),
      },
    });
  });

  describe('Municipality.networkGroups', () => {
    it('lists the groups to the team, company groups first, page by page', async () => {
      // Prepare
      const context = testContext(table, staffIdentity('615'));
      // Act
      const first = await execute<GroupsResult>(server, context, GROUPS, { code: '615', first: 2 });
      const page = first.data?._entities[0]?.networkGroups;
      const second = await execute<GroupsResult>(server, context, GROUPS, {
        code: '615',
        first: 2,
        after: page?.pageInfo.endCursor,
      });
      // Assess
      expect(first.errors).toBeUndefined();
      expect(page?.edges.map((edge) => edge.node.id)).toEqual(['g-615-c', 'g-615-a']);
      expect(page?.pageInfo.hasNextPage).toBe(true);
      expect(second.data?._entities[0]?.networkGroups).toMatchObject({
        edges: [{ node: { id: 'g-615-b' } }],
        pageInfo: { hasNextPage: false },
      });
    });

    it('filters by kind', async () => {
      // Act
      const result = await execute<GroupsResult>(
        server,
        testContext(table, staffIdentity('615')),
        GROUPS,
        { code: '615', kind: 'YOUTH' },
      );
      // Assess
      expect(result.data?._entities[0]?.networkGroups.edges).toEqual([
        { node: { id: 'g-615-a', kind: 'YOUTH' } },
        { node: { id: 'g-615-b', kind: 'YOUTH' } },
      ]);
    });

    it("refuses a cursor from another municipality's list", async () => {
      // Prepare
      const horsens = await execute<GroupsResult>(
        server,
        testContext(table, staffIdentity('615')),
        GROUPS,
        { code: '615', first: 1 },
      );
      const cursor = horsens.data?._entities[0]?.networkGroups.pageInfo.endCursor;
      // Act
      const result = await execute(server, testContext(table, staffIdentity('101')), GROUPS, {
        code: '101',
        after: cursor,
      });
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });

    it.each([
      ['staff of another municipality', staffIdentity('101')],
      ['the programme office', programmeIdentity()],
      ['a young person', youthIdentity('615', 'y-615-1')],
      ['a company contact', companyContactIdentity('c-615-1')],
    ])('refuses the list to %s', async (_who, identity) => {
      // Act
      const result = await execute(server, testContext(table, identity), GROUPS, { code: '615' });
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it('rejects a page size above 100', async () => {
      // Act
      const result = await execute(server, testContext(table, staffIdentity('615')), GROUPS, {
        code: '615',
        first: 101,
      });
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('Municipality.networkStats', () => {
    it('counts groups, sessions held and attendance from the counters', async () => {
      // Act
      const result = await execute<{ _entities: Array<{ networkStats: unknown }> }>(
        server,
        testContext(table, staffIdentity('615')),
        STATS,
        { code: '615' },
      );
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities[0]?.networkStats).toEqual({
        youthGroups: 2,
        companyGroups: 1,
        sessionsHeld: 2,
        attendance: { present: 10, absent: 1, excused: 1, rate: 10 / 12 },
      });
    });

    it('sums only the months of a period', async () => {
      // Act
      const result = await execute<{ _entities: Array<{ networkStats: unknown }> }>(
        server,
        testContext(table, staffIdentity('615')),
        STATS,
        { code: '615', from: '2026-11-01', to: '2026-11-30' },
      );
      // Assess
      expect(result.data?._entities[0]?.networkStats).toMatchObject({
        sessionsHeld: 1,
        attendance: { present: 6, absent: 0, excused: 0, rate: 1 },
      });
    });

    it('shows the programme office attendance rounded to multiples of 5, a month as a difference of cumulative counts', async () => {
      // Act
      const october = await execute<{ _entities: Array<{ networkStats: unknown }> }>(
        server,
        testContext(table, programmeIdentity()),
        STATS,
        { code: '615', from: '2026-10-01', to: '2026-10-31' },
      );
      const november = await execute<{ _entities: Array<{ networkStats: unknown }> }>(
        server,
        testContext(table, programmeIdentity()),
        STATS,
        { code: '615', from: '2026-11-01', to: '2026-11-30' },
      );
      // Assess: October's 4, 1, 1 publish 5, 0, 0; November is through November (10, 1, 1)
      // minus through October, 10 − 5, 0 − 0, 0 − 0: never the 6 present counted
      expect(october.data?._entities[0]?.networkStats).toEqual({
        youthGroups: 2,
        companyGroups: 1,
        sessionsHeld: 1,
        attendance: { present: 5, absent: 0, excused: 0, rate: 1 },
      });
      expect(november.data?._entities[0]?.networkStats).toMatchObject({
        attendance: { present: 5, absent: 0, excused: 0, rate: 1 },
      });
    });

    it('answers zero for a municipality without groups', async () => {
      // Act
      const result = await execute<{ _entities: Array<{ networkStats: unknown }> }>(
        server,
        testContext(table, staffIdentity('540')),
        STATS,
        { code: '540' },
      );
      // Assess
      expect(result.data?._entities[0]?.networkStats).toEqual({
        youthGroups: 0,
        companyGroups: 0,
        sessionsHeld: 0,
        attendance: { present: 0, absent: 0, excused: 0, rate: null },
      });
    });

    it('rejects a period that ends before it starts', async () => {
      // Act
      const result = await execute(server, testContext(table, staffIdentity('615')), STATS, {
        code: '615',
        from: '2026-11-01',
        to: '2026-10-01',
      });
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });

    it.each([
      ['staff of another municipality', staffIdentity('101')],
      ['a young person', youthIdentity('615', 'y-615-1')],
      ['a company contact', companyContactIdentity('c-615-1')],
    ])('refuses the figures to %s', async (_who, identity) => {
      // Act
      const result = await execute(server, testContext(table, identity), STATS, { code: '615' });
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it('refuses the anonymous probe', async () => {
      // Act
      const result = await execute(server, testContext(table, null), STATS, { code: '615' });
      // Assess
      expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    });
  });
});
