import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { collectPeopleData, erasePeopleData } from '#people/data-subject/people-data-subject';
import { listControlAssignments } from '#people/repository/control-assignment-entity';
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
  givenMunicipalities,
  givenTeam,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

const RECORD = `mutation ($input: RecordStudyAssignmentInput!) {
  recordStudyAssignment(input: $input) {
    studyAssignment { arm assignedOn }
    errors { code message path }
  }
}`;

const READ = `query ($id: ID!) { youth(id: $id) { studyAssignment { arm assignedOn } } }`;

/** The clock of these tests: 26 November 2026. */
const NOW = new Date('2026-11-26T10:00:00Z');

type Payload = {
  recordStudyAssignment: {
    studyAssignment: { arm: string; assignedOn: string } | null;
    errors: Array<{ code: string; path: string[] }>;
  };
};

function controlInput(overrides: Record<string, unknown> = {}) {
  return {
    municipalityCode: ROSKILDE,
    arm: 'CONTROL',
    assignedOn: '2026-09-01',
    control: {
      reference: `ROS-LOT-${randomBytes(4).toString('hex')}`,
      birthYear: 2003,
      gender: 'MALE',
      highestCompletedEducation: 'GRUNDSKOLE',
      benefitCategory: 'ACTIVITY_READY',
    },
    ...overrides,
  };
}

describe('people subgraph: study assignment by lottery (#21)', () => {
  let table: Table;
  const teamLeader = (code = ROSKILDE) => staffIdentity(code, 'TEAM_LEADER', `staff-${code}-tl`);

  function record(identity: Identity, input: Record<string, unknown>) {
    return execute<Payload>(server, testContext(table, identity, NOW), RECORD, { input });
  }

  function read(identity: Identity, id: string) {
    return execute<{ youth: { studyAssignment: unknown } | null }>(
      server,
      testContext(table, identity, NOW),
      READ,
      { id },
    );
  }

  beforeAll(async () => {
    process.env.PSEUDONYM_KEY ??= randomBytes(32).toString('hex');
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
  });

  it('keeps a treatment draw on the young person, readable by the team and the young person, once', async () => {
    // Prepare
    const youth = await givenYouth(table, { enrolledAt: '2026-09-01' });
    const input = {
      municipalityCode: ROSKILDE,
      arm: 'TREATMENT',
      assignedOn: '2026-09-01',
      youthId: youth.id,
    };
    // Act
    const first = await record(teamLeader(), input);
    const second = await record(teamLeader(), { ...input, assignedOn: '2026-09-02' });
    // Assess
    expect(first.errors).toBeUndefined();
    expect(first.data?.recordStudyAssignment.studyAssignment).toEqual({
      arm: 'TREATMENT',
      assignedOn: '2026-09-01',
    });
    expect(second.data?.recordStudyAssignment.errors.map((e) => e.code)).toEqual([
      'ALREADY_ASSIGNED',
    ]);
    const expected = { studyAssignment: { arm: 'TREATMENT', assignedOn: '2026-09-01' } };
    expect((await read(staffIdentity(ROSKILDE), youth.id)).data?.youth).toEqual(expected);
    expect((await read(youthIdentity(ROSKILDE, youth.id), youth.id)).data?.youth).toEqual(expected);
  });

  it('never shows the draw to the programme office, another municipality or a company', async () => {
    // Prepare
    const youth = await givenYouth(table, { enrolledAt: '2026-09-01' });
    await record(teamLeader(), {
      municipalityCode: ROSKILDE,
      arm: 'TREATMENT',
      assignedOn: '2026-09-01',
      youthId: youth.id,
    });
    // Act
    const strangers = await Promise.all(
      [programmeIdentity(), staffIdentity(KOBENHAVN)].map((identity) => read(identity, youth.id)),
    );
    const company = await read(companyContactIdentity('c-lottery'), youth.id);
    // Assess: a stranger hears what an unknown id gets (a linked company is refused the field:
    // people-youth-access.test.ts)
    for (const result of [...strangers, company]) {
      expect(result.data?.youth ?? null).toBeNull();
      expect(JSON.stringify(result.data ?? {})).not.toContain('TREATMENT');
    }
  });

  it('refuses a consultant, the programme office and another municipality’s team leader', async () => {
    // Prepare
    const youth = await givenYouth(table, { enrolledAt: '2026-09-01' });
    const input = {
      municipalityCode: ROSKILDE,
      arm: 'TREATMENT',
      assignedOn: '2026-09-01',
      youthId: youth.id,
    };
    // Act
    const refused = await Promise.all(
      [
        staffIdentity(ROSKILDE, 'NETWORK_CONSULTANT'),
        programmeIdentity(),
        teamLeader(KOBENHAVN),
        youthIdentity(ROSKILDE, youth.id),
      ].map((identity) => record(identity, input)),
    );
    // Assess
    for (const result of refused) expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect((await read(staffIdentity(ROSKILDE), youth.id)).data?.youth).toEqual({
      studyAssignment: null,
    });
  });

  it('keeps a control entry under a pseudonym only, once per reference', async () => {
    // Prepare
    const input = controlInput({ municipalityCode: KOBENHAVN });
    const reference = (input.control as { reference: string }).reference;
    // Act
    const first = await record(teamLeader(KOBENHAVN), input);
    const repeat = await record(teamLeader(KOBENHAVN), { ...input, assignedOn: '2026-09-03' });
    // Assess
    expect(first.data?.recordStudyAssignment.errors).toEqual([]);
    expect(repeat.data?.recordStudyAssignment.errors.map((e) => e.code)).toEqual([
      'ALREADY_ASSIGNED',
    ]);
    const entries = await listControlAssignments(table, KOBENHAVN);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      arm: 'CONTROL',
      assignedOn: '2026-09-01',
      birthYear: 2003,
      gender: 'MALE',
      highestCompletedEducation: 'GRUNDSKOLE',
      benefitCategory: 'ACTIVITY_READY',
    });
    expect(JSON.stringify(entries)).not.toContain(reference);
    const item = await table.get({
      pk: sharedKeys.municipality(KOBENHAVN).pk,
      sk: `CONTROL#${entries[0]?.pseudonym}`,
    });
    expect(JSON.stringify(item)).not.toContain(reference);
  });

  it.each([
    ['ten digits', '0101031234'],
    ['ten digits with a dash', '010103-1234'],
    ['with spaces', ' 010103 1234 '],
  ])(
    'refuses a reference that looks like a CPR number (%s), writing nothing',
    async (_name, reference) => {
      // Prepare
      const before = (await listControlAssignments(table, ROSKILDE)).length;
      const input = controlInput();
      // Act
      const result = await record(teamLeader(), {
        ...input,
        control: { ...(input.control as object), reference },
      });
      // Assess
      expect(result.data?.recordStudyAssignment.errors.map((e) => e.code)).toEqual([
        'REFERENCE_LOOKS_LIKE_CPR',
      ]);
      expect(await listControlAssignments(table, ROSKILDE)).toHaveLength(before);
    },
  );

  it('refuses a day in the future or before the programme began', async () => {
    // Act
    const future = await record(teamLeader(), controlInput({ assignedOn: '2026-11-27' }));
    const early = await record(teamLeader(), controlInput({ assignedOn: '2023-12-31' }));
    const today = await record(teamLeader(), controlInput({ assignedOn: '2026-11-26' }));
    // Assess
    expect(future.data?.recordStudyAssignment.errors.map((e) => e.code)).toEqual([
      'DATE_OUT_OF_RANGE',
    ]);
    expect(early.data?.recordStudyAssignment.errors.map((e) => e.code)).toEqual([
      'DATE_OUT_OF_RANGE',
    ]);
    expect(today.data?.recordStudyAssignment.errors).toEqual([]);
  });

  it('answers an unknown young person and another municipality’s alike: YOUTH_NOT_FOUND', async () => {
    // Prepare
    const elsewhere = await givenYouth(table, { municipalityCode: KOBENHAVN });
    const input = { municipalityCode: ROSKILDE, arm: 'TREATMENT', assignedOn: '2026-09-01' };
    // Act
    const unknown = await record(teamLeader(), { ...input, youthId: 'y-no-such-person' });
    const other = await record(teamLeader(), { ...input, youthId: elsewhere.id });
    // Assess
    for (const result of [unknown, other]) {
      expect(result.data?.recordStudyAssignment.errors.map((e) => e.code)).toEqual([
        'YOUTH_NOT_FOUND',
      ]);
    }
  });

  it('refuses a treatment without a young person and a control without its entry', async () => {
    // Act
    const treatment = await record(teamLeader(), {
      municipalityCode: ROSKILDE,
      arm: 'TREATMENT',
      assignedOn: '2026-09-01',
    });
    const control = await record(teamLeader(), controlInput({ control: null }));
    // Assess
    expect(errorCodes(treatment)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(control)).toEqual(['BAD_USER_INPUT']);
  });

  it('puts the draw in the art. 15 document and erases it with the profile', async () => {
    // Prepare
    const youth = await givenYouth(table, { enrolledAt: '2026-09-01' });
    await record(teamLeader(), {
      municipalityCode: ROSKILDE,
      arm: 'TREATMENT',
      assignedOn: '2026-09-02',
      youthId: youth.id,
    });
    // Act
    const collected = await collectPeopleData(table, youth.id);
    await erasePeopleData(table, youth.id, 'y-stub-lottery');
    // Assess
    expect(collected.profile).toMatchObject({
      studyAssignment: { arm: 'TREATMENT', assignedOn: '2026-09-02' },
    });
    expect(await table.get(sharedKeys.youth(youth.id))).toBeUndefined();
  });
});
