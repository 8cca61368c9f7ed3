import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { STAFF_HOUR_COST } from '#people/domain/resource-stats';
import { saveMunicipalities } from '#people/repository/municipality-repository';
import { server as people } from '#people/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { programmeIdentity, staffIdentity } from '../support/identities.ts';
import {
  dataProtectionOfficerIdentity,
  givenTeam,
  givenYouth,
} from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

/**
 * Issue 21, the resources: programme costs recorded by the team leader or the programme office
 * (a correction replaces the month's figure), and `resourceStats` from the activity log's month
 * counters, the costs and the young people's figures — exact for the team, published for the
 * programme office.
 */

const RECORD_COSTS = `mutation ($input: RecordProgrammeCostsInput!) {
  recordProgrammeCosts(input: $input) {
    programmeCosts { municipalityCode month amountDkk version }
    errors { code path }
  }
}`;
const RECORD_ACTIVITY = `mutation ($input: RecordActivityInput!) {
  recordActivity(input: $input) { activity { id } errors { code } }
}`;
const RESOURCES = `query ($code: ID!, $from: Date, $to: Date) {
  municipality(code: $code) {
    resourceStats(from: $from, to: $to) {
      staffMinutes staffMinutesByKind { kind minutes } staffHourCostDkk staffCostDkk
      programmeCostsDkk programmeCostsByMonth { month amountDkk } totalCostDkk
      youthEnrolled youthIntoEducationOrJob staffMinutesPerYouthEnrolled
      costPerYouthEnrolledDkk costPerYouthIntoEducationOrJobDkk programmeCostsVersion
    }
  }
}`;
const PROGRAMME = `query ($from: Date, $to: Date) {
  programmeStats(from: $from, to: $to) {
    resourceStats { staffMinutes programmeCostsDkk youthEnrolled costPerYouthEnrolledDkk programmeCostsVersion }
  }
}`;

function leaderOf(code: string): Identity {
  return staffIdentity(code, 'TEAM_LEADER', `staff-${code}-leader`);
}

/** A valid `recordProgrammeCosts` input. */
function recordProgrammeCostsInput(code: string, overrides: Record<string, unknown> = {}) {
  return {
    municipalityCode: code,
    month: '2026-10',
    amountDkk: 120_000,
    expectedVersion: 0,
    ...overrides,
  };
}

describe('people subgraph: programme costs and resource figures', () => {
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

  async function resources(identity: Identity, code: string) {
    const result = await run(identity, RESOURCES, { code, from: '2026-10-01', to: '2026-11-30' });
    return (result.data?.municipality as { resourceStats?: Record<string, unknown> } | null)
      ?.resourceStats;
  }

  it('records a month’s costs once, and a correction replaces the figure', async () => {
    // Prepare
    await givenTeamOf('201');
    const input = recordProgrammeCostsInput('201', { idempotencyKey: 'costs-201-1' });
    // Act
    const first = await run(leaderOf('201'), RECORD_COSTS, { input });
    const again = await run(leaderOf('201'), RECORD_COSTS, { input });
    const corrected = await run(programmeIdentity(), RECORD_COSTS, {
      input: recordProgrammeCostsInput('201', { amountDkk: 100_000, expectedVersion: 1 }),
    });
    const stale = await run(leaderOf('201'), RECORD_COSTS, {
      input: recordProgrammeCostsInput('201', { amountDkk: 1, expectedVersion: 1 }),
    });
    // Assess
    expect(first.data?.recordProgrammeCosts).toEqual({
      programmeCosts: { municipalityCode: '201', month: '2026-10', amountDkk: 120_000, version: 1 },
      errors: [],
    });
    expect(again.data?.recordProgrammeCosts).toEqual(first.data?.recordProgrammeCosts);
    expect(corrected.data?.recordProgrammeCosts).toMatchObject({
      programmeCosts: { amountDkk: 100_000, version: 2 },
    });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(await resources(leaderOf('201'), '201')).toMatchObject({
      programmeCostsDkk: 100_000,
      programmeCostsByMonth: [{ month: '2026-10', amountDkk: 100_000 }],
      programmeCostsVersion: 2,
    });
  });

  it.each([
    ['a network consultant', staffIdentity('203', 'NETWORK_CONSULTANT')],
    ['the psychologist', staffIdentity('203', 'PSYCHOLOGIST', 'staff-203-psychologist')],
    ["another municipality's team leader", leaderOf('205')],
    ['the data protection officer', dataProtectionOfficerIdentity('203')],
  ])('refuses recording costs by %s', async (_who, identity) => {
    // Prepare
    await givenTeamOf('203');
    // Act
    const result = await run(identity, RECORD_COSTS, { input: recordProgrammeCostsInput('203') });
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(await resources(leaderOf('203'), '203')).toMatchObject({ programmeCostsDkk: 0 });
  });

  it.each([
    ['a negative amount', { amountDkk: -1 }, 'BAD_USER_INPUT'],
    ['a malformed month', { month: '2026-13' }, 'BAD_USER_INPUT'],
    ['a month after this one', { month: '2026-12' }, 'DATE_OUT_OF_RANGE'],
    ['a month before the programme', { month: '2023-12' }, 'DATE_OUT_OF_RANGE'],
  ])('refuses %s and records nothing', async (_what, overrides, code) => {
    // Prepare
    await givenTeamOf('207');
    // Act
    const result = await run(leaderOf('207'), RECORD_COSTS, {
      input: recordProgrammeCostsInput('207', overrides),
    });
    // Assess
    const codes =
      code === 'BAD_USER_INPUT'
        ? errorCodes(result)
        : ((
            result.data?.recordProgrammeCosts as { errors: Array<{ code: string }> } | undefined
          )?.errors.map((error) => error.code) ?? []);
    expect(codes).toEqual([code]);
    expect(await resources(leaderOf('207'), '207')).toMatchObject({ programmeCostsDkk: 0 });
  });

  it('gives the team exact minutes, costs and costs per young person', async () => {
    // Prepare
    await givenTeamOf('209');
    await givenYouth(table, { municipalityCode: '209', enrolledAt: '2026-10-05' });
    await givenYouth(table, { municipalityCode: '209', enrolledAt: '2026-11-02' }, ['IN_JOB']);
    for (const [kind, minutes, on] of [
      ['COMPANY_VISIT', 90, '2026-10-10'],
      ['YOUTH_CONVERSATION', 30, '2026-11-03'],
      ['OTHER', 60, '2026-09-30'],
    ] as const) {
      await run(staffIdentity('209'), RECORD_ACTIVITY, { input: { kind, minutes, on } });
    }
    await run(leaderOf('209'), RECORD_COSTS, { input: recordProgrammeCostsInput('209') });
    // Act
    const stats = await resources(leaderOf('209'), '209');
    // Assess
    const staffCost = 2 * STAFF_HOUR_COST.dkk;
    expect(stats).toMatchObject({
      staffMinutes: 120,
      staffHourCostDkk: STAFF_HOUR_COST.dkk,
      staffCostDkk: staffCost,
      programmeCostsDkk: 120_000,
      totalCostDkk: 120_000 + staffCost,
      youthEnrolled: 2,
      youthIntoEducationOrJob: 1,
      staffMinutesPerYouthEnrolled: 60,
      costPerYouthEnrolledDkk: Math.round((120_000 + staffCost) / 2),
      costPerYouthIntoEducationOrJobDkk: 120_000 + staffCost,
      programmeCostsVersion: 1,
    });
    expect(stats?.staffMinutesByKind).toEqual(
      expect.arrayContaining([
        { kind: 'COMPANY_VISIT', minutes: 90 },
        { kind: 'YOUTH_CONVERSATION', minutes: 30 },
        { kind: 'OTHER', minutes: 0 },
      ]),
    );
  });

  it('shows the programme office rounded counts and no cost per young person below 10', async () => {
    // Prepare
    await givenTeamOf('211');
    await givenYouth(table, { municipalityCode: '211', enrolledAt: '2026-10-05' });
    await run(staffIdentity('211'), RECORD_ACTIVITY, {
      input: { kind: 'COMPANY_VISIT', minutes: 45, on: '2026-10-10' },
    });
    // Act
    const programme = await resources(programmeIdentity(), '211');
    const team = await resources(leaderOf('211'), '211');
    // Assess
    expect(team).toMatchObject({ youthEnrolled: 1, costPerYouthEnrolledDkk: expect.any(Number) });
    expect(programme).toMatchObject({
      staffMinutes: 45,
      youthEnrolled: 0,
      staffMinutesPerYouthEnrolled: null,
      costPerYouthEnrolledDkk: null,
      costPerYouthIntoEducationOrJobDkk: null,
    });
  });

  it('adds every municipality up for the programme office', async () => {
    // Prepare
    await givenTeamOf('213');
    await run(staffIdentity('213'), RECORD_ACTIVITY, {
      input: { kind: 'OTHER', minutes: 600, on: '2026-10-12' },
    });
    await run(leaderOf('213'), RECORD_COSTS, { input: recordProgrammeCostsInput('213') });
    // Act
    const result = await run(programmeIdentity(), PROGRAMME, {
      from: '2026-10-01',
      to: '2026-11-30',
    });
    // Assess
    const stats = (result.data?.programmeStats as { resourceStats: Record<string, number> })
      ?.resourceStats;
    expect(stats?.staffMinutes).toBeGreaterThanOrEqual(600);
    expect(stats?.programmeCostsDkk).toBeGreaterThanOrEqual(120_000);
    expect(stats?.programmeCostsVersion).toBeNull();
  });

  it.each([
    ['a network consultant of another municipality', staffIdentity('217')],
    ['the data protection officer', dataProtectionOfficerIdentity('215')],
  ])('keeps the resource figures from %s', async (_who, identity) => {
    // Prepare
    await givenTeamOf('215');
    // Act
    const result = await run(identity, RESOURCES, { code: '215' });
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });
});
