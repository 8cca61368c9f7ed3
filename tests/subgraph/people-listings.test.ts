import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { server } from '#people/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import {
  dataProtectionOfficerIdentity,
  givenMunicipalities,
  givenSharedCompany,
  givenTeam,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

const YOUTH_PAGE = `query ($code: ID!, $status: YouthStatus, $first: Int, $after: String) {
  municipality(code: $code) {
    youth(status: $status, first: $first, after: $after) {
      edges { cursor node { id status } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

const CASELOAD_PAGE = `query ($id: ID!, $first: Int, $after: String) {
  staffMember(id: $id) {
    caseload(first: $first, after: $after) {
      edges { node { id } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

const STATS = `query ($code: ID!) { municipality(code: $code) { youthStats {
  total enrolled inPlacement inEducation inJob paused exited
} } }`;

interface Page {
  edges: Array<{ cursor: string; node: { id: string; status?: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const SECOND_CONSULTANT = `staff-${ROSKILDE}-2`;

describe('people subgraph: listings and figures', () => {
  let table: Table;
  const team = staffIdentity(ROSKILDE);

  async function youthPage(variables: Record<string, unknown>, identity: Identity = team) {
    const result = await execute(server, testContext(table, identity), YOUTH_PAGE, {
      code: ROSKILDE,
      ...variables,
    });
    return { result, page: (result.data?.municipality as { youth: Page } | null)?.youth };
  }

  async function everyYouth(status?: string): Promise<Array<{ id: string; status?: string }>> {
    const nodes: Array<{ id: string; status?: string }> = [];
    let after: string | null = null;
    do {
      const { page } = await youthPage({ status, first: 100, after });
      nodes.push(...(page?.edges ?? []).map((edge) => edge.node));
      after = page?.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return nodes;
  }

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
    await givenSharedCompany(table, 'c-roskilde', ROSKILDE);
    for (let i = 0; i < 15; i++) {
      await givenYouth(table, {
        consultantId: i < 7 ? SECOND_CONSULTANT : `staff-${ROSKILDE}-1`,
        enrolledAt: `2026-01-${String(i + 1).padStart(2, '0')}`,
      });
    }
    for (let i = 0; i < 6; i++) await givenYouth(table, {}, ['PAUSED']);
    for (let i = 0; i < 4; i++) await givenYouth(table, {}, ['IN_JOB']);
    for (let i = 0; i < 3; i++) await givenYouth(table, { municipalityCode: KOBENHAVN });
  });

  it("pages through a municipality's young people by status, with exact hasNextPage", async () => {
    // Act
    const first = await youthPage({ first: 10 });
    const second = await youthPage({ first: 10, after: first.page?.pageInfo.endCursor });
    const third = await youthPage({ first: 10, after: second.page?.pageInfo.endCursor });
    // Assess
    const pages = [first.page, second.page, third.page];
    expect(pages.map((page) => page?.edges.length)).toEqual([10, 10, 5]);
    expect(pages.map((page) => page?.pageInfo.hasNextPage)).toEqual([true, true, false]);
    const nodes = pages.flatMap((page) => page?.edges.map((edge) => edge.node) ?? []);
    expect(new Set(nodes.map((node) => node.id)).size).toBe(25);
    expect(nodes.map((node) => node.status)).toEqual([
      ...Array(15).fill('ENROLLED'),
      ...Array(4).fill('IN_JOB'),
      ...Array(6).fill('PAUSED'),
    ]);
  });

  it('lists only one status when asked', async () => {
    // Act
    const { page } = await youthPage({ status: 'PAUSED', first: 20 });
    // Assess
    expect(page?.edges).toHaveLength(6);
    expect(page?.edges.every((edge) => edge.node.status === 'PAUSED')).toBe(true);
    expect(page?.pageInfo).toEqual({ hasNextPage: false, endCursor: page?.edges[5]?.cursor });
  });

  it("refuses a cursor from one municipality's list in another's, and in another status's", async () => {
    // Prepare
    const { page } = await youthPage({ first: 2 });
    const cursor = page?.pageInfo.endCursor;
    // Act
    const elsewhere = await execute(
      server,
      testContext(table, staffIdentity(KOBENHAVN)),
      YOUTH_PAGE,
      { code: KOBENHAVN, first: 2, after: cursor },
    );
    const otherStatus = await youthPage({ status: 'ENROLLED', first: 2, after: cursor });
    // Assess
    expect(errorCodes(elsewhere)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(otherStatus.result)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([0, 101])('refuses a page size of %i', async (first) => {
    // Act
    const { result } = await youthPage({ first });
    // Assess
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ["another municipality's team", staffIdentity(KOBENHAVN)],
    ['a young person of the municipality', youthIdentity(ROSKILDE, 'y-any')],
    ['a company contact of the municipality', companyContactIdentity('c-roskilde')],
    ['the programme office', programmeIdentity()],
    ['a data protection officer', dataProtectionOfficerIdentity(ROSKILDE)],
  ] as Array<[string, Identity]>)(
    "refuses %s the municipality's young people",
    async (_who, identity) => {
      // Act
      const { result } = await youthPage({ first: 5 }, identity);
      // Assess
      expect(result.data?.municipality).toBeNull();
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    },
  );

  it("pages through a consultant's caseload, and refuses another caseload's cursor", async () => {
    // Act
    const pages: Page[] = [];
    let after: string | null = null;
    do {
      const result: Awaited<ReturnType<typeof execute>> = await execute(
        server,
        testContext(table, team),
        CASELOAD_PAGE,
        {
          id: SECOND_CONSULTANT,
          first: 3,
          after,
        },
      );
      const page: Page = (result.data as { staffMember: { caseload: Page } }).staffMember.caseload;
      pages.push(page);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    const foreign = await execute(server, testContext(table, team), CASELOAD_PAGE, {
      id: `staff-${ROSKILDE}-1`,
      first: 3,
      after: pages[0]?.pageInfo.endCursor,
    });
    // Assess
    expect(pages.map((page) => page.edges.length)).toEqual([3, 3, 1]);
    expect(new Set(pages.flatMap((page) => page.edges.map((e) => e.node.id))).size).toBe(7);
    expect(errorCodes(foreign)).toEqual(['BAD_USER_INPUT']);
  });

  it('keeps youthStats in agreement with the young people after mutations', async () => {
    // Prepare
    const enrolled = await execute(
      server,
      testContext(table, team),
      `mutation { enrolYouth(input: {
        municipalityCode: "${ROSKILDE}", name: "Ny Person", dateOfBirth: "2002-02-02",
        phone: "22222222", benefitCategory: ACTIVITY_READY
      }) { youth { id } } }`,
    );
    const newId = (enrolled.data as { enrolYouth: { youth: { id: string } } }).enrolYouth.youth.id;
    const [paused] = await everyYouth('PAUSED');
    // Act
    for (const [youthId, status] of [
      [newId, 'IN_EDUCATION'],
      [paused?.id, 'EXITED'],
    ]) {
      const read = await execute(
        server,
        testContext(table, team),
        'query ($id: ID!) { youth(id: $id) { version } }',
        { id: youthId },
      );
      const expectedVersion = (read.data as { youth: { version: number } }).youth.version;
      const change = await execute(
        server,
        testContext(table, team),
        `mutation ($input: ChangeYouthStatusInput!) { changeYouthStatus(input: $input) { errors { code } } }`,
        { input: { youthId, expectedVersion, status, date: '2026-11-26', reason: 'Test' } },
      );
      expect(change.data?.changeYouthStatus).toEqual({ errors: [] });
    }
    const stats = await execute(server, testContext(table, team), STATS, { code: ROSKILDE });
    // Assess
    const listed = await everyYouth();
    const count = (status: string) => listed.filter((node) => node.status === status).length;
    expect(
      (stats.data as { municipality: { youthStats: unknown } }).municipality.youthStats,
    ).toEqual({
      total: listed.length,
      enrolled: count('ENROLLED'),
      inPlacement: count('IN_PLACEMENT'),
      inEducation: count('IN_EDUCATION'),
      inJob: count('IN_JOB'),
      paused: count('PAUSED'),
      exited: count('EXITED'),
    });
    expect(count('IN_EDUCATION')).toBe(1);
    expect(count('EXITED')).toBe(1);
  });

  it('shows the programme office counts rounded to multiples of 5', async () => {
    // Act
    const programme = await execute(server, testContext(table, programmeIdentity()), STATS, {
      code: KOBENHAVN,
    });
    const team101 = await execute(server, testContext(table, staffIdentity(KOBENHAVN)), STATS, {
      code: KOBENHAVN,
    });
    // Assess
    expect(
      (programme.data as { municipality: { youthStats: unknown } }).municipality.youthStats,
    ).toEqual({
      // 3 enrolled publish 5; the total is the sum of the statuses as published
      total: 5,
      enrolled: 5,
      inPlacement: 0,
      inEducation: 0,
      inJob: 0,
      paused: 0,
      exited: 0,
    });
    expect(
      (team101.data as { municipality: { youthStats: unknown } }).municipality.youthStats,
    ).toMatchObject({
      total: 3,
      enrolled: 3,
    });
  });

  it.each([
    ["another municipality's team", staffIdentity(KOBENHAVN)],
    ['a young person', youthIdentity(ROSKILDE, 'y-any')],
    ['a company contact', companyContactIdentity('c-roskilde')],
    ['a data protection officer', dataProtectionOfficerIdentity(ROSKILDE)],
  ] as Array<[string, Identity]>)('refuses %s the figures', async (_who, identity) => {
    // Act
    const result = await execute(server, testContext(table, identity), STATS, { code: ROSKILDE });
    // Assess
    expect(result.data?.municipality).toEqual({ youthStats: null });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });
});
