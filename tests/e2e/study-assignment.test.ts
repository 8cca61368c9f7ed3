import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

const ROSKILDE = '265';
const KOBENHAVN = '101';

const ENROL = `mutation ($input: EnrolYouthInput!) {
  enrolYouth(input: $input) { youth { id } errors { code } }
}`;

const RECORD = `mutation ($input: RecordStudyAssignmentInput!) {
  recordStudyAssignment(input: $input) {
    studyAssignment { arm assignedOn }
    errors { code path }
  }
}`;

const READ = `query ($id: ID!) { youth(id: $id) { studyAssignment { arm assignedOn } } }`;

type Recorded = {
  recordStudyAssignment: {
    studyAssignment: { arm: string; assignedOn: string } | null;
    errors: Array<{ code: string }>;
  };
};

const CONTROL = {
  municipalityCode: ROSKILDE,
  arm: 'CONTROL',
  assignedOn: '2026-09-01',
  control: {
    reference: 'ROS-E2E-LOT-1',
    birthYear: 2003,
    gender: 'FEMALE',
    highestCompletedEducation: 'GRUNDSKOLE',
    benefitCategory: 'ACTIVITY_READY',
  },
};

describe('study assignment by lottery through the gateway (#21)', () => {
  let test: TestStack;
  let youthId: string;

  beforeAll(async () => {
    test = await startTestStack();
    const team = await test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
    const enrolled = await test.query<{ enrolYouth: { youth: { id: string } } }>(ENROL, {
      token: team,
      variables: {
        input: {
          municipalityCode: ROSKILDE,
          name: 'Ung Lodtrækning',
          dateOfBirth: '2003-05-01',
          phone: '22 33 44 66',
          enrolledAt: '2026-09-01',
          benefitCategory: 'ACTIVITY_READY',
        },
      },
    });
    youthId = enrolled.body.data?.enrolYouth.youth.id as string;
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('records a treatment draw once, exactly-once with a key, shown to the team and the young person', async () => {
    // Prepare
    const leader = await test.token('TEAM_LEADER', { municipalityCode: ROSKILDE });
    const consultant = await test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
    const self = await test.token('YOUTH', { youthId, municipalityCode: ROSKILDE });
    const programme = await test.token('PROGRAMME');
    const input = {
      municipalityCode: ROSKILDE,
      arm: 'TREATMENT',
      assignedOn: '2026-09-01',
      youthId,
      idempotencyKey: 'e2e-lottery-1',
    };
    // Act
    const first = await test.query<Recorded>(RECORD, { token: leader, variables: { input } });
    const repeat = await test.query<Recorded>(RECORD, { token: leader, variables: { input } });
    const again = await test.query<Recorded>(RECORD, {
      token: leader,
      variables: { input: { ...input, idempotencyKey: 'e2e-lottery-2' } },
    });
    const byTeam = await test.query(READ, { token: consultant, variables: { id: youthId } });
    const bySelf = await test.query(READ, { token: self, variables: { id: youthId } });
    const byProgramme = await test.query(READ, { token: programme, variables: { id: youthId } });
    // Assess
    const expected = { arm: 'TREATMENT', assignedOn: '2026-09-01' };
    expect(first.body.data?.recordStudyAssignment).toEqual({
      studyAssignment: expected,
      errors: [],
    });
    expect(repeat.body.data?.recordStudyAssignment).toEqual({
      studyAssignment: expected,
      errors: [],
    });
    expect(again.body.data?.recordStudyAssignment.errors.map((e) => e.code)).toEqual([
      'ALREADY_ASSIGNED',
    ]);
    expect(byTeam.body.data).toEqual({ youth: { studyAssignment: expected } });
    expect(bySelf.body.data).toEqual({ youth: { studyAssignment: expected } });
    expect(JSON.stringify(byProgramme.body.data ?? {})).not.toContain('TREATMENT');
  });

  it('refuses a consultant, the programme office and another municipality’s team leader', async () => {
    // Prepare
    const callers = await Promise.all([
      test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE }),
      test.token('PROGRAMME'),
      test.token('TEAM_LEADER', { municipalityCode: KOBENHAVN }),
    ]);
    // Act
    const results = await Promise.all(
      callers.map((token) =>
        test.query<Recorded>(RECORD, {
          token,
          variables: { input: { ...CONTROL, control: { ...CONTROL.control, reference: 'X-1' } } },
        }),
      ),
    );
    // Assess
    for (const result of results) {
      expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });

  it('keeps a control entry once, and refuses a CPR-like reference and a future day', async () => {
    // Prepare
    const leader = await test.token('TEAM_LEADER', { municipalityCode: ROSKILDE });
    const send = (input: Record<string, unknown>) =>
      test.query<Recorded>(RECORD, { token: leader, variables: { input } });
    // Act
    const first = await send(CONTROL);
    const repeat = await send({ ...CONTROL, assignedOn: '2026-09-02' });
    const cpr = await send({
      ...CONTROL,
      control: { ...CONTROL.control, reference: '010103-1234' },
    });
    const future = await send({
      ...CONTROL,
      assignedOn: '2099-01-01',
      control: { ...CONTROL.control, reference: 'ROS-E2E-LOT-2' },
    });
    const unknown = await send({
      municipalityCode: ROSKILDE,
      arm: 'TREATMENT',
      assignedOn: '2026-09-01',
      youthId: 'y-no-such-person',
    });
    // Assess
    const codes = (result: typeof first) =>
      result.body.data?.recordStudyAssignment.errors.map((e) => e.code);
    expect(first.body.data?.recordStudyAssignment.studyAssignment).toEqual({
      arm: 'CONTROL',
      assignedOn: '2026-09-01',
    });
    expect(codes(repeat)).toEqual(['ALREADY_ASSIGNED']);
    expect(codes(cpr)).toEqual(['REFERENCE_LOOKS_LIKE_CPR']);
    expect(codes(future)).toEqual(['DATE_OUT_OF_RANGE']);
    expect(codes(unknown)).toEqual(['YOUTH_NOT_FOUND']);
  });
});
