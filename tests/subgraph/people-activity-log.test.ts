import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { collectPeopleData, erasePeopleData } from '#people/data-subject/people-data-subject';
import { saveMunicipalities } from '#people/repository/municipality-repository';
import { server as people } from '#people/server';
import { givenCompany } from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { givenTeam, givenYouth } from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

/**
 * Issue 21, the activity log: a staff member logs their own work once however often it is sent,
 * in their own municipality, about its young people and companies; they and their team leader
 * read it back; the young person's minutes and the municipality's month counters follow.
 */

const RECORD = `mutation ($input: RecordActivityInput!) {
  recordActivity(input: $input) {
    activity { id kind minutes on youthId companyId note source }
    errors { code path }
  }
}`;
const ACTIVITIES = `query ($id: ID!, $from: Date, $to: Date, $first: Int, $after: String) {
  staffMember(id: $id) {
    activities(from: $from, to: $to, first: $first, after: $after) {
      edges { node { id kind minutes on youthId note } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;
const STAFF_MINUTES = `query ($id: ID!) {
  youth(id: $id) { staffMinutes { total byKind { kind minutes } } }
}`;

/** A root field of a result, which the test expects to be there. */
function fieldOf(result: { data?: Record<string, unknown> | null }, name: string): unknown {
  const value = result.data?.[name];
  if (value === undefined || value === null) throw new Error(`No ${name} in the result`);
  return value;
}

/** A valid `recordActivity` input. */
function recordActivityInput(overrides: Record<string, unknown> = {}) {
  return { kind: 'YOUTH_CONVERSATION', minutes: 30, on: '2026-11-20', ...overrides };
}

/** The network consultant `givenTeam` names first. */
function consultantOf(code: string): Identity {
  return staffIdentity(code, 'NETWORK_CONSULTANT', `staff-${code}-1`);
}

describe('people subgraph: the activity log', () => {
  let table: Table;
  const run = (identity: Identity, query: string, variables?: Record<string, unknown>) =>
    execute(people, testContext(table, identity), query, variables);

  beforeAll(async () => {
    table = await createTestTable();
  });

  async function givenTeamOf(code: string) {
    await saveMunicipalities(table, [{ code, name: `Kommune ${code}` }]);
    return givenTeam(table, code);
  }

  async function counters(code: string) {
    return (await table.get(sharedKeys.activityCounts(code))) ?? {};
  }

  it('logs an activity about a young person once, however often it is sent', async () => {
    // Prepare
    await givenTeamOf('157');
    const youth = await givenYouth(table, { municipalityCode: '157' });
    const input = recordActivityInput({
      youthId: youth.id,
      note: 'Talte om praktik',
      idempotencyKey: 'activity-157-1',
    });
    // Act
    const first = await run(consultantOf('157'), RECORD, { input });
    const again = await run(consultantOf('157'), RECORD, { input });
    // Assess
    expect(first.data?.recordActivity).toMatchObject({
      activity: {
        kind: 'YOUTH_CONVERSATION',
        minutes: 30,
        on: '2026-11-20',
        youthId: youth.id,
        note: 'Talte om praktik',
        source: 'MANUAL',
      },
      errors: [],
    });
    const id = (fieldOf(first, 'recordActivity') as { activity: { id: string } }).activity.id;
    expect(again.data?.recordActivity).toMatchObject({ activity: { id } });
    expect(await counters('157')).toMatchObject({
      '2026-11#activities': 1,
      '2026-11#minutes.YOUTH_CONVERSATION': 30,
    });
    const minutes = await run(consultantOf('157'), STAFF_MINUTES, { id: youth.id });
    expect(minutes.data?.youth).toEqual({
      staffMinutes: { total: 30, byKind: [{ kind: 'YOUTH_CONVERSATION', minutes: 30 }] },
    });
  });

  it('logs a company visit in the month of its day', async () => {
    // Prepare
    await givenTeamOf('159');
    const company = await givenCompany(table, { municipalityCode: '159' });
    // Act
    const result = await run(consultantOf('159'), RECORD, {
      input: recordActivityInput({
        kind: 'COMPANY_VISIT',
        minutes: 90,
        on: '2026-10-31',
        companyId: company.company.id,
      }),
    });
    // Assess
    expect(result.data?.recordActivity).toMatchObject({
      activity: { companyId: company.company.id, youthId: null },
      errors: [],
    });
    expect(await counters('159')).toMatchObject({
      '2026-10#activities': 1,
      '2026-10#minutes.COMPANY_VISIT': 90,
    });
  });

  it.each([
    ['a young person', youthIdentity('161', 'y-161')],
    ['a company contact', companyContactIdentity('c-161')],
    ['the programme office', programmeIdentity()],
    ["another municipality's team leader", staffIdentity('163', 'TEAM_LEADER', 'staff-163-leader')],
  ])('refuses logging for municipality 161 by %s', async (_who, identity) => {
    // Prepare
    await givenTeamOf('161');
    // Act
    const result = await run(identity, RECORD, {
      input: recordActivityInput({ municipalityCode: '161' }),
    });
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(await counters('161')).toEqual({});
  });

  it.each([
    ['minutes 0', { minutes: 0 }, 'BAD_USER_INPUT'],
    ['minutes 601', { minutes: 601 }, 'BAD_USER_INPUT'],
    ['an unreal day', { on: '2026-02-30' }, 'BAD_USER_INPUT'],
  ])('refuses %s and logs nothing', async (_what, overrides, code) => {
    // Prepare
    await givenTeamOf('165');
    // Act
    const result = await run(consultantOf('165'), RECORD, {
      input: recordActivityInput(overrides),
    });
    // Assess
    expect(errorCodes(result)).toEqual([code]);
    expect(await counters('165')).toEqual({});
  });

  it('allows 1 and 600 minutes, the ends of the range', async () => {
    // Prepare
    await givenTeamOf('167');
    // Act
    const one = await run(consultantOf('167'), RECORD, {
      input: recordActivityInput({ minutes: 1 }),
    });
    const most = await run(consultantOf('167'), RECORD, {
      input: recordActivityInput({ minutes: 600, kind: 'OTHER' }),
    });
    // Assess
    expect(one.data?.recordActivity).toMatchObject({ errors: [] });
    expect(most.data?.recordActivity).toMatchObject({ errors: [] });
    expect(await counters('167')).toMatchObject({ '2026-11#activities': 2 });
  });

  it.each([
    ['a day in the future', { on: '2026-11-27' }, 'DATE_OUT_OF_RANGE', ['on']],
    ['a day before the programme', { on: '2023-12-31' }, 'DATE_OUT_OF_RANGE', ['on']],
    ['an unknown young person', { youthId: 'y-nobody' }, 'YOUTH_NOT_FOUND', ['youthId']],
    ['an unknown company', { companyId: 'c-nobody' }, 'COMPANY_NOT_FOUND', ['companyId']],
  ])('answers %s with a typed error and logs nothing', async (_what, overrides, code, path) => {
    // Prepare
    await givenTeamOf('169');
    // Act
    const result = await run(consultantOf('169'), RECORD, {
      input: recordActivityInput(overrides),
    });
    // Assess
    expect(result.data?.recordActivity).toEqual({ activity: null, errors: [{ code, path }] });
    expect(await counters('169')).toEqual({});
  });

  it("refuses another municipality's young person and company as unknown", async () => {
    // Prepare
    await givenTeamOf('171');
    await givenTeamOf('173');
    const youth = await givenYouth(table, { municipalityCode: '173' });
    const company = await givenCompany(table, { municipalityCode: '173' });
    // Act
    const aboutYouth = await run(consultantOf('171'), RECORD, {
      input: recordActivityInput({ youthId: youth.id }),
    });
    const aboutCompany = await run(consultantOf('171'), RECORD, {
      input: recordActivityInput({ companyId: company.company.id }),
    });
    // Assess
    expect(aboutYouth.data?.recordActivity).toMatchObject({
      errors: [{ code: 'YOUTH_NOT_FOUND' }],
    });
    expect(aboutCompany.data?.recordActivity).toMatchObject({
      errors: [{ code: 'COMPANY_NOT_FOUND' }],
    });
    expect(await counters('171')).toEqual({});
  });

  it('lists a staff member’s activities of a period, newest first, to them and their leader', async () => {
    // Prepare
    await givenTeamOf('175');
    for (const on of ['2026-09-30', '2026-10-01', '2026-10-15', '2026-10-31', '2026-11-01']) {
      await run(consultantOf('175'), RECORD, { input: recordActivityInput({ on }) });
    }
    const period = { id: 'staff-175-1', from: '2026-10-01', to: '2026-10-31', first: 2 };
    // Act
    const own = await run(consultantOf('175'), ACTIVITIES, period);
    const ownPage = (
      fieldOf(own, 'staffMember') as { activities: { pageInfo: { endCursor: string } } }
    ).activities;
    const next = await run(consultantOf('175'), ACTIVITIES, {
      ...period,
      after: ownPage.pageInfo.endCursor,
    });
    const leader = await run(
      staffIdentity('175', 'TEAM_LEADER', 'staff-175-leader'),
      ACTIVITIES,
      period,
    );
    // Assess
    const days = (result: typeof own) =>
      (
        fieldOf(result, 'staffMember') as {
          activities: { edges: Array<{ node: { on: string } }> };
        }
      ).activities.edges.map((edge) => edge.node.on);
    expect(days(own)).toEqual(['2026-10-31', '2026-10-15']);
    expect(days(next)).toEqual(['2026-10-01']);
    expect(days(leader)).toEqual(['2026-10-31', '2026-10-15']);
  });

  it.each([
    ['a colleague', staffIdentity('177', 'NETWORK_CONSULTANT', 'staff-177-2')],
    ['the psychologist', staffIdentity('177', 'PSYCHOLOGIST', 'staff-177-psychologist')],
  ])('keeps a staff member’s activities from %s', async (_who, identity) => {
    // Prepare
    await givenTeamOf('177');
    await run(consultantOf('177'), RECORD, { input: recordActivityInput() });
    // Act
    const result = await run(identity, ACTIVITIES, { id: 'staff-177-1' });
    // Assess
    expect(errorCodes(result)).toContain('FORBIDDEN');
    expect(JSON.stringify(result.data ?? {})).not.toContain('YOUTH_CONVERSATION');
  });

  it("answers another municipality's team leader as if the staff member did not exist", async () => {
    // Prepare
    await givenTeamOf('179');
    await run(consultantOf('179'), RECORD, { input: recordActivityInput() });
    // Act
    const result = await run(staffIdentity('183', 'TEAM_LEADER', 'staff-183-leader'), ACTIVITIES, {
      id: 'staff-179-1',
    });
    // Assess
    expect(result.data?.staffMember ?? null).toBeNull();
  });

  it('keeps a young person’s staff minutes from the young person and companies', async () => {
    // Prepare
    await givenTeamOf('181');
    const youth = await givenYouth(table, { municipalityCode: '181' });
    await run(consultantOf('181'), RECORD, { input: recordActivityInput({ youthId: youth.id }) });
    // Act
    const self = await run(youthIdentity('181', youth.id), STAFF_MINUTES, { id: youth.id });
    const team = await run(consultantOf('181'), STAFF_MINUTES, { id: youth.id });
    // Assess
    expect(errorCodes(self)).toEqual(['FORBIDDEN']);
    expect(team.data?.youth).toMatchObject({ staffMinutes: { total: 30 } });
  });

  it('exports the activities about a young person, and erasure unlinks them but keeps the minutes', async () => {
    // Prepare
    await givenTeamOf('185');
    const youth = await givenYouth(table, { municipalityCode: '185' });
    const company = await givenCompany(table, { municipalityCode: '185' });
    await run(consultantOf('185'), RECORD, {
      input: recordActivityInput({
        kind: 'PHONE_FOLLOW_UP',
        minutes: 15,
        youthId: youth.id,
        companyId: company.company.id,
        note: 'Ringede om mødetider',
      }),
    });
    await run(consultantOf('185'), RECORD, { input: recordActivityInput({ minutes: 45 }) });
    // Act
    const exported = await collectPeopleData(table, youth.id);
    await erasePeopleData(table, youth.id, 'stub-185');
    const exportedAfter = await collectPeopleData(table, youth.id);
    const listed = await run(consultantOf('185'), ACTIVITIES, { id: 'staff-185-1' });
    // Assess
    expect(exported.activities).toEqual([
      {
        kind: 'PHONE_FOLLOW_UP',
        minutes: 15,
        on: '2026-11-20',
        companyId: company.company.id,
        note: 'Ringede om mødetider',
      },
    ]);
    expect(exportedAfter.activities).toEqual([]);
    const nodes = (
      fieldOf(listed, 'staffMember') as {
        activities: { edges: Array<{ node: Record<string, unknown> }> };
      }
    ).activities.edges.map((edge) => edge.node);
    expect(nodes.map((node) => [node.minutes, node.youthId, node.note])).toEqual(
      expect.arrayContaining([
        [15, null, null],
        [45, null, null],
      ]),
    );
    expect(JSON.stringify(listed.data)).not.toContain(youth.id);
    expect(await counters('185')).toMatchObject({
      '2026-11#activities': 2,
      '2026-11#minutes.PHONE_FOLLOW_UP': 15,
      '2026-11#minutes.YOUTH_CONVERSATION': 45,
    });
    expect(await table.get(sharedKeys.youthActivityMinutes(youth.id))).toBeUndefined();
  });
});
