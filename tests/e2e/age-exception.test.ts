import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

const world = buildDemoWorld();
const ROSKILDE = '265';

/** Roskilde's demo enrolment outside the target group, with the team's reason. */
const demoException = world.youth.find(
  (y) => y.municipalityCode === ROSKILDE && y.ageExceptionReason,
);

const ENROL = `mutation ($input: EnrolYouthInput!) {
  enrolYouth(input: $input) { youth { id ageExceptionReason } errors { code path } }
}`;

interface Enrolled {
  enrolYouth: {
    youth: { id: string; ageExceptionReason: string | null } | null;
    errors: Array<{ code: string; path: string[] }>;
  };
}

describe('enrolment outside the target group (18–29) through the gateway (#20)', () => {
  let test: TestStack;
  let token: string;

  beforeAll(async () => {
    test = await startTestStack();
    token = await test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('refuses a 17-year-old without a reason, enrols them with one, and shows the demo’s', async () => {
    // Prepare
    const input = {
      municipalityCode: ROSKILDE,
      name: 'Ung Undtagelse',
      dateOfBirth: '2009-06-01',
      phone: '22 33 44 55',
      benefitCategory: 'EDUCATION_READY',
    };
    // Act
    const refused = await test.query<Enrolled>(ENROL, { token, variables: { input } });
    const enrolled = await test.query<Enrolled>(ENROL, {
      token,
      variables: { input: { ...input, ageExceptionReason: 'Henvist af jobcentret' } },
    });
    const demo = await test.query<{ youth: { ageExceptionReason: string | null } }>(
      'query ($id: ID!) { youth(id: $id) { ageExceptionReason } }',
      { token, variables: { id: demoException?.id } },
    );
    // Assess
    expect(refused.body.data?.enrolYouth).toEqual({
      youth: null,
      errors: [{ code: 'AGE_OUTSIDE_TARGET_GROUP', path: ['dateOfBirth'] }],
    });
    expect(enrolled.body.data?.enrolYouth.youth?.ageExceptionReason).toBe('Henvist af jobcentret');
    expect(demo.body.data?.youth.ageExceptionReason).toBe(demoException?.ageExceptionReason);
  });
});
