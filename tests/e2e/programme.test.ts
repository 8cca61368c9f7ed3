import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

const PERIOD = `(from: "2025-01-01", to: "2026-11-23")`;

const YOUTH = `youthStats${PERIOD} {
  total enrolled inPlacement inEducation inJob paused exited suppressed
  enrolledInPeriod statusChangesInPeriod { total toInEducation toInJob toPaused }
  leftForEducationOrJob leftForEducationOrJobShare
  followUps { monthsAfterEnrolment youthFollowedUp inEducationOrJob share }
  averageWeeksInEducationOrJobFirstYear fellBack fellBackShare
  targets { intoEducationOrJob { target actual met } fallingBack { target actual met } }
}`;
const COMPANIES = `companyStats${PERIOD} {
  active paused left joinedInPeriod pausedInPeriod leftInPeriod activeAtEndOfPeriod
}`;
const NETWORK = `networkStats${PERIOD} {
  youthGroups companyGroups sessionsHeld attendance { present absent excused rate } suppressed
}`;

const PLACEMENTS = `placementStats${PERIOD} {
  planned active extended completed interrupted suppressed
  startedInPeriod extendedInPeriod completedInPeriod interruptedInPeriod endedInPeriod
  outcomesInPeriod { kind count } leftForEducationOrJob leftForEducationOrJobShare
  retention { monthsAfterOutcome followedUp kept lost keptShare fellBackShare }
  firstPlacements medianDaysFromEnrolmentToFirstPlacement
  feedback { side occasion given meanRating }
}`;

const PROGRAMME_FIGURES = `{
  municipalities {
    code name ${YOUTH} ${COMPANIES} ${NETWORK} ${PLACEMENTS}
  }
  programmeStats${PERIOD} { from to ${YOUTH.replace(PERIOD, '')} ${COMPANIES.replace(PERIOD, '')} ${NETWORK.replace(PERIOD, '')} ${PLACEMENTS.replace(PERIOD, '')} }
}`;

/**
 * The feedback's ratings too: for every municipality and the total at once they would cost the
 * dashboard more than the gateway's limit (`gateway/query-cost.ts`), so only here.
 */
const FEEDBACK_RATINGS = PLACEMENTS.replace('meanRating', 'ratings { rating count } meanRating');

const MUNICIPALITY_FIGURES = `{ municipalities { code ${YOUTH} ${COMPANIES} ${NETWORK} ${FEEDBACK_RATINGS} } }`;

type Figures = Record<string, unknown>;
type Feedback = {
  side: string;
  occasion: string;
  given: number | null;
  ratings: Array<{ rating: number; count: number | null }>;
  meanRating: number | null;
};

/** Every number or null inside a figures object, by path. */
function leaves(value: unknown, path = ''): Array<[string, unknown]> {
  if (value === null || typeof value !== 'object') return [[path, value]];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, `${path}.${key}`));
}

describe('the programme figures through the gateway', () => {
  let test: TestStack;

  beforeAll(async () => {
    test = await startTestStack();
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('answers every figure of all five municipalities and the total in one query, every count a multiple of 5', async () => {
    // Prepare
    const token = await test.token('PROGRAMME');
    // Act
    const { status, body } = await test.query<{
      municipalities: Array<Figures & { code: string }>;
      programmeStats: Figures;
    }>(PROGRAMME_FIGURES, { token });
    // Assess
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const municipalities = body.data?.municipalities ?? [];
    expect(municipalities.map((m) => m.code)).toEqual(['101', '265', '540', '615', '630']);
    const total = body.data?.programmeStats as Figures;
    expect(total).toMatchObject({ from: '2025-01-01', to: '2026-11-23' });
    // The 300 young people, each municipality's six statuses rounded to a multiple of 5 (within
    // 2 of the count) and added up as published.
    const youthTotal = (total.youthStats as { total: number }).total;
    expect(youthTotal % 5).toBe(0);
    expect(Math.abs(youthTotal - 300)).toBeLessThanOrEqual(2 * 6 * 5);
    for (const municipality of municipalities) {
      expect((municipality.companyStats as { active: number }).active).toBeGreaterThan(0);
      expect((municipality.networkStats as { youthGroups: number }).youthGroups).toBeGreaterThan(0);
      expect(
        (municipality.youthStats as { enrolledInPeriod: number | null }).enrolledInPeriod,
      ).not.toBeUndefined();
    }
    const placementTotal = total.placementStats as { startedInPeriod: number | null };
    expect(placementTotal).not.toBeNull();
    for (const municipality of municipalities) {
      expect(municipality.placementStats).toMatchObject({ suppressed: expect.any(Boolean) });
    }
    const youthFigures = [
      ...municipalities.map((m) => m.youthStats as Figures),
      total.youthStats as Figures,
      ...municipalities.map((m) => m.placementStats as Figures),
      total.placementStats as Figures,
    ];
    expect(youthFigures.some((figures) => figures.suppressed === true)).toBe(true);
    // The young people's and the companies' feedback at midway, counted over the programme.
    const feedbackTotal = (total.placementStats as { feedback: Feedback[] }).feedback;
    for (const side of ['YOUTH', 'COMPANY']) {
      const midway = feedbackTotal.find((f) => f.side === side && f.occasion === 'MIDWAY');
      expect(midway?.given).toBeGreaterThanOrEqual(10);
      expect(midway?.meanRating).toBeGreaterThanOrEqual(1);
    }
    for (const figures of youthFigures) {
      const counts = leaves(figures).filter(
        ([path]) =>
          !/share|actual|met|average|target|monthsAfter|median|meanRating|\.rating$/i.test(path),
      );
      for (const [, value] of counts) {
        if (typeof value === 'number') expect(value % 5, 'rounded to base 5').toBe(0);
      }
      if (counts.some(([, value]) => value === null)) expect(figures.suppressed).toBe(true);
    }
  });

  it("shows a Vejle consultant Vejle's own figures unsuppressed and not the others'", async () => {
    // Prepare
    const token = await test.token('NETWORK_CONSULTANT', { municipalityCode: '630' });
    // Act
    const { body } = await test.query<{ municipalities: Array<Figures & { code: string }> }>(
      MUNICIPALITY_FIGURES,
      { token },
    );
    const programme = await test.query(`{ programmeStats { youthStats { total } } }`, { token });
    // Assess
    const byCode = new Map((body.data?.municipalities ?? []).map((m) => [m.code, m]));
    const vejle = byCode.get('630') as Figures;
    expect(vejle.youthStats).toMatchObject({ total: 60, suppressed: false });
    expect(
      leaves(vejle.youthStats).filter(
        ([path, value]) => value === null && !/share|actual|met|average/i.test(path),
      ),
    ).toEqual([]);
    expect(vejle.companyStats).not.toBeNull();
    expect(vejle.networkStats).toMatchObject({ suppressed: false });
    expect(vejle.placementStats).toMatchObject({ suppressed: false });
    expect(
      leaves(vejle.placementStats).filter(
        ([path, value]) => value === null && !/share|median/i.test(path),
      ),
    ).toEqual([]);
    // Vejle's own feedback figures as they are: both sides, at midway and at the end.
    const feedback = (vejle.placementStats as { feedback: Feedback[] }).feedback;
    expect(feedback).toHaveLength(4);
    for (const figures of feedback) {
      const counts = figures.ratings.map(({ count }) => count as number);
      expect(figures.given).toBeGreaterThan(0);
      expect(figures.given).toBe(counts.reduce((a, b) => a + b, 0));
      expect(figures.meanRating).toBe(
        figures.ratings.reduce((sum, { rating, count }) => sum + rating * (count as number), 0) /
          (figures.given as number),
      );
    }
    for (const code of ['101', '265', '540', '615']) {
      expect(byCode.get(code)).toMatchObject({
        youthStats: null,
        companyStats: null,
        networkStats: null,
        placementStats: null,
      });
    }
    expect(new Set(body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    expect(programme.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
