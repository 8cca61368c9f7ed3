import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

/**
 * Issue 21, the activity log and the resource figures, end to end through the gateway over
 * HTTP: a Roskilde consultant logs a conversation with one of their young people, reads it back
 * and their team leader sees it; the leader records a month's programme costs; `resourceStats`
 * counts both; Køge's team leader is refused Roskilde's log.
 */

const ROSKILDE = '265';
const KOEGE = '101';
const world = buildDemoWorld();
const leader = world.staff.find((s) => s.municipalityCode === ROSKILDE && s.role === 'TEAM_LEADER');
const otherLeader = world.staff.find(
  (s) => s.municipalityCode === KOEGE && s.role === 'TEAM_LEADER',
);
const youth = world.youth.find((y) => y.municipalityCode === ROSKILDE);
if (!leader || !otherLeader || !youth)
  throw new Error('The demo world lacks a team or a young person');
const consultantId = youth.consultantId;

const RECORD = `mutation ($input: RecordActivityInput!) {
  recordActivity(input: $input) { activity { id minutes youthId } errors { code } }
}`;
const ACTIVITIES = `query ($id: ID!, $from: Date) {
  staffMember(id: $id) { activities(from: $from, first: 100) { edges { node { id kind minutes } } } }
}`;
const RESOURCES = `query ($code: ID!, $from: Date) {
  municipality(code: $code) {
    resourceStats(from: $from) { staffMinutes programmeCostsDkk programmeCostsVersion }
  }
}`;

describe('the activity log and resource figures, through the gateway', () => {
  let test: TestStack;

  beforeAll(async () => {
    test = await startTestStack();
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('logs an activity once, shows it to the staff member and their leader, and counts it', async () => {
    // Prepare
    const consultant = await test.token('NETWORK_CONSULTANT', {
      municipalityCode: ROSKILDE,
      staffId: consultantId,
    });
    const leaderToken = await test.token('TEAM_LEADER', {
      municipalityCode: ROSKILDE,
      staffId: leader.id,
    });
    const stranger = await test.token('TEAM_LEADER', {
      municipalityCode: KOEGE,
      staffId: otherLeader.id,
    });
    const on = new Date().toISOString().slice(0, 10);
    const month = on.slice(0, 7);
    const before = await test.query<{
      municipality: { resourceStats: { staffMinutes: number; programmeCostsVersion: number } };
    }>(RESOURCES, { token: leaderToken, variables: { code: ROSKILDE, from: `${month}-01` } });
    const minutesBefore = before.body.data?.municipality.resourceStats.staffMinutes ?? 0;
    const versionBefore = before.body.data?.municipality.resourceStats.programmeCostsVersion ?? 0;
    const input = {
      kind: 'YOUTH_CONVERSATION',
      minutes: 35,
      on,
      youthId: youth.id,
      idempotencyKey: 'e2e-activity-1',
    };
    // Act
    const logged = await test.query<{
      recordActivity: { activity: { id: string } | null; errors: unknown[] };
    }>(RECORD, { token: consultant, variables: { input } });
    const again = await test.query(RECORD, { token: consultant, variables: { input } });
    const own = await test.query(ACTIVITIES, {
      token: consultant,
      variables: { id: consultantId, from: on },
    });
    const byLeader = await test.query(ACTIVITIES, {
      token: leaderToken,
      variables: { id: consultantId, from: on },
    });
    const byStranger = await test.query(ACTIVITIES, {
      token: stranger,
      variables: { id: consultantId, from: on },
    });
    const costs = await test.query(
      `mutation ($input: RecordProgrammeCostsInput!) {
        recordProgrammeCosts(input: $input) { programmeCosts { amountDkk version } errors { code } }
      }`,
      {
        token: leaderToken,
        variables: {
          input: {
            municipalityCode: ROSKILDE,
            month,
            amountDkk: 250_000,
            expectedVersion: versionBefore,
          },
        },
      },
    );
    const after = await test.query<{
      municipality: { resourceStats: { staffMinutes: number; programmeCostsDkk: number } };
    }>(RESOURCES, { token: leaderToken, variables: { code: ROSKILDE, from: `${month}-01` } });
    // Assess
    const id = logged.body.data?.recordActivity.activity?.id;
    expect(logged.body.data?.recordActivity.errors).toEqual([]);
    expect(again.body.data).toEqual(logged.body.data);
    const ids = (body: unknown) =>
      JSON.stringify(body).match(new RegExp(String(id), 'g'))?.length ?? 0;
    expect(ids(own.body.data)).toBe(1);
    expect(ids(byLeader.body.data)).toBe(1);
    expect(ids(byStranger.body.data)).toBe(0);
    expect(costs.body.data).toEqual({
      recordProgrammeCosts: {
        programmeCosts: { amountDkk: 250_000, version: versionBefore + 1 },
        errors: [],
      },
    });
    expect(after.body.data?.municipality.resourceStats).toEqual({
      staffMinutes: minutesBefore + 35,
      programmeCostsDkk: 250_000,
      programmeCostsVersion: versionBefore + 1,
    });
  });
});
