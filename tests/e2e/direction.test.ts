import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { selfAssessmentItems } from '#infra/local/seed/seed-self-assessments';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

const ROSKILDE = '265';

const CHANGE = 'youthAssessedTwice improved improvedShare medianChange';
const DIRECTION = `directionStats { suppressed overall { ${CHANGE} } items { itemKey change { ${CHANGE} } } }`;

/** The demo's Roskilde young people: one whose enrolment assessment is due, one with a trajectory. */
function demoYouth() {
  const world = buildDemoWorld();
  const assessed = new Map<string, number>();
  for (const item of selfAssessmentItems(world)) {
    if (item.entity !== 'SelfAssessment') continue;
    const youthId = String(item.youthId);
    assessed.set(youthId, (assessed.get(youthId) ?? 0) + 1);
  }
  const roskilde = world.youth.filter((youth) => youth.municipalityCode === ROSKILDE);
  const due = roskilde.find((youth) => !assessed.has(youth.id));
  // Placed now, so their company's contacts see their work profile, and nothing more.
  const placement = world.placements.find(
    (p) =>
      p.municipalityCode === ROSKILDE &&
      p.status === 'ACTIVE' &&
      (assessed.get(p.youthId) ?? 0) >= 2,
  );
  const trajectory = roskilde.find((youth) => youth.id === placement?.youthId);
  if (!due || !trajectory || !placement) throw new Error('The demo world has no such young people');
  return {
    due,
    trajectory,
    companyId: placement.companyId,
    assessedTimes: assessed.get(trajectory.id) ?? 0,
  };
}

describe('direction: the self-assessment through the gateway', () => {
  let test: TestStack;
  const { due, trajectory, companyId, assessedTimes } = demoYouth();

  beforeAll(async () => {
    test = await startTestStack();
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('lets a young person whose enrolment assessment is due answer it in the current wording', async () => {
    // Prepare
    const token = await test.token('YOUTH', { youthId: due.id });
    const asked = await test.query<{
      selfAssessmentItems: { version: number; items: Array<{ key: string; da: string }> };
      youth: { selfAssessmentDue: boolean };
    }>(
      `query ($id: ID!) {
        selfAssessmentItems { version items { key da } }
        youth(id: $id) { selfAssessmentDue }
      }`,
      { token, variables: { id: due.id } },
    );
    const items = asked.body.data?.selfAssessmentItems.items ?? [];
    // Act
    const { status, body } = await test.query<{
      recordSelfAssessment: { selfAssessment: unknown; errors: unknown[] };
    }>(
      `mutation ($input: RecordSelfAssessmentInput!) {
        recordSelfAssessment(input: $input) {
          selfAssessment { occasion itemsVersion overall answers { itemKey score } }
          errors { code }
        }
      }`,
      {
        token,
        variables: {
          input: {
            youthId: due.id,
            answers: items.map(({ key }) => ({ itemKey: key, score: 4 })),
            idempotencyKey: 'e2e-direction-enrolment',
          },
        },
      },
    );
    // Assess
    expect(asked.body.errors).toBeUndefined();
    expect(asked.body.data?.youth.selfAssessmentDue).toBe(true);
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.recordSelfAssessment).toEqual({
      selfAssessment: {
        occasion: 'ENROLMENT',
        itemsVersion: asked.body.data?.selfAssessmentItems.version,
        overall: 4,
        answers: items.map(({ key }) => ({ itemKey: key, score: 4 })),
      },
      errors: [],
    });
    const after = await test.query<{ youth: { selfAssessmentDue: boolean } }>(
      'query ($id: ID!) { youth(id: $id) { selfAssessmentDue } }',
      { token, variables: { id: due.id } },
    );
    expect(after.body.data?.youth.selfAssessmentDue).toBe(false);
  });

  it("shows the team a young person's trajectory, and keeps it from the company they are placed at", async () => {
    // Prepare
    const consultant = await test.token('NETWORK_CONSULTANT');
    const company = await test.token('COMPANY_CONTACT', { companyId });
    const query = `query ($id: ID!) { youth(id: $id) {
      selfAssessments { occasion date overall answers { itemKey score } }
    } }`;
    // Act
    const team = await test.query<{
      youth: { selfAssessments: Array<{ occasion: string; date: string }> };
    }>(query, { token: consultant, variables: { id: trajectory.id } });
    const asCompany = await test.query<{ youth: { name: string; selfAssessments: unknown } }>(
      query.replace('youth(id: $id) {', 'youth(id: $id) { name'),
      { token: company, variables: { id: trajectory.id } },
    );
    // Assess
    expect(team.body.errors).toBeUndefined();
    const answered = team.body.data?.youth.selfAssessments ?? [];
    expect(answered).toHaveLength(assessedTimes);
    expect(answered[0]?.occasion).toBe('ENROLMENT');
    expect(answered.map(({ date }) => date)).toEqual(answered.map(({ date }) => date).sort());
    expect(asCompany.body.data?.youth).toEqual({
      name: `${trajectory.firstName} ${trajectory.lastName}`,
      selfAssessments: null,
    });
    expect(asCompany.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('gives the programme office the direction figures of every municipality, rounded to 5', async () => {
    // Prepare
    const token = await test.token('PROGRAMME');
    // Act
    const { body } = await test.query<{
      municipalities: Array<{ code: string; directionStats: Record<string, unknown> }>;
      programmeStats: { directionStats: Record<string, unknown> };
    }>(
      `{
        municipalities { code ${DIRECTION.replace('directionStats', 'directionStats(from: "2024-01-01", to: "2026-11-23")')} }
        programmeStats(from: "2024-01-01", to: "2026-11-23") { ${DIRECTION} }
      }`,
      { token },
    );
    // Assess
    expect(body.errors).toBeUndefined();
    const total = body.data?.programmeStats.directionStats as {
      suppressed: boolean;
      overall: { youthAssessedTwice: number };
    };
    expect(total.suppressed).toBe(true);
    expect(total.overall.youthAssessedTwice).toBeGreaterThan(0);
    const counts = (body.data?.municipalities ?? []).map(
      ({ directionStats }) =>
        (directionStats.overall as { youthAssessedTwice: number }).youthAssessedTwice,
    );
    for (const count of counts) expect(count % 5).toBe(0);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(total.overall.youthAssessedTwice);
  });
});
