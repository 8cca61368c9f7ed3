import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

const world = buildDemoWorld();
const ROSKILDE = '265';
const KOBENHAVN = '101';

const COVARIATES =
  'gender highestCompletedEducation benefitCategory benefitHistory { category from }';

const ENROL = `mutation ($input: EnrolYouthInput!) {
  enrolYouth(input: $input) { youth { id version ${COVARIATES} } errors { code path } }
}`;

const UPDATE = `mutation ($input: UpdateYouthProfileInput!) {
  updateYouthProfile(input: $input) { youth { version ${COVARIATES} } errors { code path } }
}`;

const READ = `query ($id: ID!) { youth(id: $id) { ${COVARIATES} } }`;

const FIGURES = `query ($code: ID!) { municipality(code: $code) {
  youthStats(from: "2025-01-01", to: "2026-11-23") {
    suppressed averageWeeksOnPassiveSupportFirstYear
    followUps { monthsAfterEnrolment youthFollowedUp }
  }
} }`;

interface Figures {
  municipality: {
    youthStats: {
      suppressed: boolean;
      averageWeeksOnPassiveSupportFirstYear: number | null;
      followUps: Array<{ monthsAfterEnrolment: number; youthFollowedUp: number | null }>;
    };
  };
}

describe('benefit history, covariates and passive support through the gateway (#21)', () => {
  let test: TestStack;

  beforeAll(async () => {
    test = await startTestStack();
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('enrols with covariates, dates a change of category, and shows both to the young person only', async () => {
    // Prepare
    const team = await test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
    const foreign = await test.token('NETWORK_CONSULTANT', { municipalityCode: KOBENHAVN });
    // Act
    const enrolled = await test.query<{ enrolYouth: { youth: { id: string; version: number } } }>(
      ENROL,
      {
        token: team,
        variables: {
          input: {
            municipalityCode: ROSKILDE,
            name: 'Ung Fireogtyve',
            dateOfBirth: '2002-04-01',
            phone: '22 33 44 55',
            enrolledAt: '2026-09-01',
            benefitCategory: 'ACTIVITY_READY',
            gender: 'NOT_STATED',
            highestCompletedEducation: 'GRUNDSKOLE',
          },
        },
      },
    );
    const youth = enrolled.body.data?.enrolYouth.youth as { id: string; version: number };
    const refused = await test.query(UPDATE, {
      token: team,
      variables: {
        input: {
          youthId: youth.id,
          expectedVersion: youth.version,
          benefitCategory: 'EDUCATION_READY',
          benefitCategoryFrom: '2026-08-01',
        },
      },
    });
    const changed = await test.query(UPDATE, {
      token: team,
      variables: {
        input: {
          youthId: youth.id,
          expectedVersion: youth.version,
          benefitCategory: 'EDUCATION_READY',
          benefitCategoryFrom: '2026-10-01',
        },
      },
    });
    const self = await test.token('YOUTH', { youthId: youth.id, municipalityCode: ROSKILDE });
    const ownView = await test.query(READ, { token: self, variables: { id: youth.id } });
    const foreignView = await test.query(READ, { token: foreign, variables: { id: youth.id } });
    // Assess
    expect(enrolled.body.errors).toBeUndefined();
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const history = [
      { category: 'ACTIVITY_READY', from: '2026-09-01' },
      { category: 'EDUCATION_READY', from: '2026-10-01' },
    ];
    expect(changed.body.data).toMatchObject({
      updateYouthProfile: { youth: { version: youth.version + 1, benefitHistory: history } },
    });
    expect(ownView.body.data).toEqual({
      youth: {
        gender: 'NOT_STATED',
        highestCompletedEducation: 'GRUNDSKOLE',
        benefitCategory: 'EDUCATION_READY',
        benefitHistory: history,
      },
    });
    expect(foreignView.body.data).toEqual({ youth: null });
  });

  it('shows the demo’s changed benefit history to its team', async () => {
    // Prepare
    const demo = world.youth.find(
      (y) => y.municipalityCode === ROSKILDE && y.benefitHistory.length > 1,
    );
    const team = await test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
    // Act
    const result = await test.query<{ youth: { benefitHistory: unknown[] } }>(READ, {
      token: team,
      variables: { id: demo?.id },
    });
    // Assess
    expect(result.body.data?.youth.benefitHistory).toEqual(demo?.benefitHistory);
  });

  it('gives the team the exact average weeks on passive support, the programme office whole weeks', async () => {
    // Prepare
    const team = await test.token('TEAM_LEADER', { municipalityCode: ROSKILDE });
    const programme = await test.token('PROGRAMME');
    // Act
    const exact = await test.query<Figures>(FIGURES, {
      token: team,
      variables: { code: ROSKILDE },
    });
    const published = await test.query<Figures>(FIGURES, {
      token: programme,
      variables: { code: ROSKILDE },
    });
    // Assess
    expect(exact.body.errors).toBeUndefined();
    expect(published.body.errors).toBeUndefined();
    const teamStats = exact.body.data?.municipality.youthStats;
    const officeStats = published.body.data?.municipality.youthStats;
    expect(teamStats?.suppressed).toBe(false);
    expect(officeStats?.suppressed).toBe(true);
    const average = teamStats?.averageWeeksOnPassiveSupportFirstYear as number;
    expect(average).toBeGreaterThan(0);
    expect(average).toBeLessThanOrEqual(52);
    expect(officeStats?.averageWeeksOnPassiveSupportFirstYear).toBe(Math.round(average));
  });
});
