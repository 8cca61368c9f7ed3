import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import type { Identity } from '#kernel/identity';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { currentSelfAssessmentVersion } from '#people/domain/self-assessment-items';
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
  givenLink,
  givenMunicipalities,
  givenSharedCompany,
  givenTeam,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import {
  givenParticipantTask,
  givenSelfAssessment,
  recordSelfAssessmentInput,
} from '../support/self-assessment-factories.ts';
import { createTestTable } from '../support/table.ts';

const RECORD = `mutation ($input: RecordSelfAssessmentInput!) {
  recordSelfAssessment(input: $input) {
    selfAssessment { occasion taskId placementId itemsVersion overall date answers { itemKey score } }
    errors { code path }
  }
}`;

const TRAJECTORY = `query ($id: ID!) { youth(id: $id) {
  selfAssessmentDue
  selfAssessments { occasion taskId placementId itemsVersion overall date answers { itemKey score } }
} }`;

const ITEM_KEYS = currentSelfAssessmentVersion().items.map(({ key }) => key);

describe('people subgraph: the young person records their own self-assessment', () => {
  let table: Table;
  let youthId: string;
  let me: Identity;

  const record = (identity: Identity, input: Record<string, unknown>) =>
    execute<{
      recordSelfAssessment: {
        selfAssessment: Record<string, unknown> | null;
        errors: Array<{ code: string; path: string[] | null }>;
      };
    }>(server, testContext(table, identity), RECORD, { input });

  const assessmentItemOf = (id: string, occasion: string) =>
    table.get(sharedKeys.selfAssessment(id, occasion));

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
    youthId = (await givenYouth(table, { id: 'y-sa-ida' })).id;
    me = youthIdentity(ROSKILDE, youthId);
  });

  it('shows the current items in Danish and English to every signed-in role', async () => {
    for (const identity of [
      me,
      staffIdentity(KOBENHAVN),
      companyContactIdentity('c-x'),
      programmeIdentity(),
    ]) {
      // Act
      const result = await execute(
        server,
        testContext(table, identity),
        '{ selfAssessmentItems { version scaleMin scaleMax items { key da en } } }',
      );
      // Assess
      expect(result.errors).toBeUndefined();
      const items = result.data?.selfAssessmentItems as {
        items: Array<{ key: string }>;
        version: number;
      };
      expect(items.version).toBe(currentSelfAssessmentVersion().version);
      expect(items.items.map(({ key }) => key)).toEqual(ITEM_KEYS);
    }
  });

  it('records the enrolment assessment once, audited as a change, and the enrolment is no longer due', async () => {
    // Prepare
    const before = await execute(server, testContext(table, me), TRAJECTORY, { id: youthId });
    // Act
    const result = await record(me, recordSelfAssessmentInput(youthId, {}, 3));
    const again = await record(me, recordSelfAssessmentInput(youthId, {}, 4));
    // Assess
    expect(before.data?.youth).toEqual({ selfAssessmentDue: true, selfAssessments: [] });
    expect(result.data?.recordSelfAssessment).toEqual({
      selfAssessment: {
        occasion: 'ENROLMENT',
        taskId: null,
        placementId: null,
        itemsVersion: 1,
        overall: 3,
        date: '2026-11-26',
        answers: ITEM_KEYS.map((itemKey) => ({ itemKey, score: 3 })),
      },
      errors: [],
    });
    expect(again.data?.recordSelfAssessment).toEqual({
      selfAssessment: null,
      errors: [{ code: 'ALREADY_ANSWERED', path: null }],
    });
    expect((await assessmentItemOf(youthId, 'ENROLMENT'))?.scores).toEqual(
      Object.fromEntries(ITEM_KEYS.map((key) => [key, 3])),
    );
    const after = await execute(server, testContext(table, me), TRAJECTORY, { id: youthId });
    expect(after.data?.youth).toMatchObject({ selfAssessmentDue: false });
    const changes = (
      await table.queryAll({ partition: AUDIT_KEYS.youthPartition(youthId) })
    ).filter((item) => item.action === 'CHANGE');
    expect(changes.map((item) => item.target)).toEqual(['Mutation.recordSelfAssessment']);
    expect(changes[0]?.role).toBe('YOUTH');
  });

  it('refuses the answer when its task is gone by the time it commits (closed meanwhile)', async () => {
    // Prepare: a table on which the task is deleted just before each transaction commits.
    const id = (await givenYouth(table, { id: 'y-sa-closed' })).id;
    const taskId = await givenParticipantTask(table, id);
    const racing: Table = Object.create(table);
    racing.transact = async (actions, token) => {
      await table.transact([{ delete: sharedKeys.participantTask(id, taskId) }]);
      return table.transact(actions, token);
    };
    // Act
    const result = await execute<{
      recordSelfAssessment: { errors: Array<{ code: string; path: string[] | null }> };
    }>(server, testContext(racing, youthIdentity(ROSKILDE, id)), RECORD, {
      input: recordSelfAssessmentInput(id, { taskId }),
    });
    // Assess
    expect(result.data?.recordSelfAssessment.errors).toEqual([
      { code: 'TASK_NOT_FOUND', path: ['taskId'] },
    ]);
    expect(await assessmentItemOf(id, taskId)).toBeUndefined();
  });

  it('takes one of two answers sent at once to the same occasion, and refuses the other', async () => {
    // Prepare
    const id = (await givenYouth(table, { id: 'y-sa-race' })).id;
    const who = youthIdentity(ROSKILDE, id);
    // Act
    const answers = await Promise.all([
      record(who, recordSelfAssessmentInput(id, {}, 1)),
      record(who, recordSelfAssessmentInput(id, {}, 5)),
    ]);
    // Assess
    const codes = answers.map(
      (answer) => answer.data?.recordSelfAssessment.errors.map(({ code }) => code) ?? [],
    );
    expect(codes.sort()).toEqual([[], ['ALREADY_ANSWERED']]);
    const kept = answers.find((answer) => answer.data?.recordSelfAssessment.selfAssessment);
    const stored = await assessmentItemOf(id, 'ENROLMENT');
    expect(kept?.data?.recordSelfAssessment.selfAssessment).toMatchObject({
      overall: Object.values(stored?.scores as Record<string, number>)[0],
    });
  });

  it('replays a retry with the same idempotency key instead of refusing it', async () => {
    // Prepare
    const id = (await givenYouth(table, { id: 'y-sa-retry' })).id;
    const input = recordSelfAssessmentInput(id, { idempotencyKey: 'sa-once-1' }, 2);
    // Act
    const first = await record(youthIdentity(ROSKILDE, id), input);
    const retry = await record(youthIdentity(ROSKILDE, id), input);
    // Assess
    expect(first.data?.recordSelfAssessment.errors).toEqual([]);
    expect(retry.data?.recordSelfAssessment).toEqual(first.data?.recordSelfAssessment);
  });

  it("answers the young person's own open self-assessment task, keeping its occasion and placement", async () => {
    // Prepare
    const taskId = await givenParticipantTask(table, youthId, {
      occasion: 'FOLLOW_UP',
      placementId: 'p-sa-1',
    });
    // Act
    const result = await record(me, recordSelfAssessmentInput(youthId, { taskId }, 4));
    const again = await record(me, recordSelfAssessmentInput(youthId, { taskId }, 5));
    // Assess
    expect(result.data?.recordSelfAssessment.selfAssessment).toMatchObject({
      occasion: 'FOLLOW_UP',
      taskId,
      placementId: 'p-sa-1',
      overall: 4,
    });
    expect(again.data?.recordSelfAssessment.errors).toEqual([
      { code: 'ALREADY_ANSWERED', path: ['taskId'] },
    ]);
    const trajectory = await execute(server, testContext(table, me), TRAJECTORY, { id: youthId });
    const youth = trajectory.data?.youth as { selfAssessments: Array<{ occasion: string }> };
    expect(youth.selfAssessments.map(({ occasion }) => occasion)).toEqual([
      'ENROLMENT',
      'FOLLOW_UP',
    ]);
  });

  it("refuses another young person's task, a feedback task, a company's task and an unknown task alike", async () => {
    // Prepare
    const other = (await givenYouth(table, { id: 'y-sa-other' })).id;
    const othersTask = await givenParticipantTask(table, other);
    const feedback = await givenParticipantTask(table, youthId, {
      kind: 'PLACEMENT_FEEDBACK',
      occasion: 'MIDWAY',
    });
    const companys = await givenParticipantTask(table, youthId, { assignee: 'COMPANY' });
    for (const taskId of [othersTask, feedback, companys, 'task-none']) {
      // Act
      const result = await record(me, recordSelfAssessmentInput(youthId, { taskId }));
      // Assess
      expect(result.data?.recordSelfAssessment).toEqual({
        selfAssessment: null,
        errors: [{ code: 'TASK_NOT_FOUND', path: ['taskId'] }],
      });
      expect(await assessmentItemOf(youthId, taskId)).toBeUndefined();
    }
  });

  it('refuses answers that are not every current item once, and a score off the scale, writing nothing', async () => {
    // Prepare
    const id = (await givenYouth(table, { id: 'y-sa-bad' })).id;
    const who = youthIdentity(ROSKILDE, id);
    const full = recordSelfAssessmentInput(id).answers;
    const cases: Array<[unknown[], string, string[]]> = [
      [full.slice(1), 'ITEM_MISSING', ['answers']],
      [
        [...full, { itemKey: 'NOT_AN_ITEM', score: 3 }],
        'UNKNOWN_ITEM',
        ['answers', String(full.length), 'itemKey'],
      ],
      [[...full, full[0]], 'ITEM_REPEATED', ['answers', String(full.length), 'itemKey']],
    ];
    for (const [answers, code, path] of cases) {
      // Act
      const result = await record(who, { youthId: id, answers });
      // Assess
      expect(result.data?.recordSelfAssessment.errors).toEqual([{ code, path }]);
    }
    const offScale = await record(who, {
      youthId: id,
      answers: full.map((answer) => ({ ...answer, score: 6 })),
    });
    expect(errorCodes(offScale)).toEqual(['BAD_USER_INPUT']);
    expect(await assessmentItemOf(id, 'ENROLMENT')).toBeUndefined();
  });

  it("is the young person's own: the team, another young person, a company contact and the programme office are refused", async () => {
    // Prepare
    const id = (await givenYouth(table, { id: 'y-sa-own' })).id;
    await givenSharedCompany(table, 'c-sa-linked', ROSKILDE);
    await givenLink(table, id, 'c-sa-linked');
    const callers = [
      staffIdentity(ROSKILDE),
      staffIdentity(ROSKILDE, 'PSYCHOLOGIST', `staff-${ROSKILDE}-psychologist`),
      staffIdentity(KOBENHAVN),
      youthIdentity(ROSKILDE, youthId),
      companyContactIdentity('c-sa-linked'),
      programmeIdentity(),
    ];
    for (const caller of callers) {
      // Act
      const result = await record(caller, recordSelfAssessmentInput(id));
      // Assess
      expect(errorCodes(result), caller.role).toEqual(['FORBIDDEN']);
    }
    expect(await assessmentItemOf(id, 'ENROLMENT')).toBeUndefined();
  });
});

describe("people subgraph: who may read a young person's self-assessments", () => {
  let table: Table;
  const id = 'y-sa-read';

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
    await givenYouth(table, { id });
    await givenYouth(table, { id: 'y-sa-read-other' });
    await givenSelfAssessment(table, id);
    await givenSharedCompany(table, 'c-sa-read', ROSKILDE);
    await givenSharedCompany(table, 'c-sa-unlinked', ROSKILDE);
    await givenLink(table, id, 'c-sa-read');
  });

  it("records the team's read of the trajectory in the young person's audit trail", async () => {
    // Act
    const result = await execute(server, testContext(table, staffIdentity(ROSKILDE)), TRAJECTORY, {
      id,
    });
    // Assess
    expect(result.errors).toBeUndefined();
    const reads = (await table.queryAll({ partition: AUDIT_KEYS.youthPartition(id) })).filter(
      (item) => item.action === 'READ',
    );
    expect(reads.length).toBeGreaterThan(0);
    expect(JSON.stringify(reads)).not.toContain('scores');
  });

  it('shows the trajectory to the young person, their team and their psychologist', async () => {
    for (const caller of [
      youthIdentity(ROSKILDE, id),
      staffIdentity(ROSKILDE),
      staffIdentity(ROSKILDE, 'TEAM_LEADER', `staff-${ROSKILDE}-leader`),
      staffIdentity(ROSKILDE, 'PSYCHOLOGIST', `staff-${ROSKILDE}-psychologist`),
    ]) {
      // Act
      const result = await execute(server, testContext(table, caller), TRAJECTORY, { id });
      // Assess
      expect(result.errors, caller.role).toBeUndefined();
      expect(result.data?.youth).toMatchObject({
        selfAssessmentDue: false,
        selfAssessments: [{ occasion: 'ENROLMENT', overall: 2 }],
      });
    }
  });

  it('keeps it from a linked company, another young person, another municipality and the programme office', async () => {
    for (const caller of [
      companyContactIdentity('c-sa-read'),
      companyContactIdentity('c-sa-unlinked'),
      youthIdentity(ROSKILDE, 'y-sa-read-other'),
      staffIdentity(KOBENHAVN),
      programmeIdentity(),
    ]) {
      // Act
      const result = await execute(
        server,
        testContext(table, caller),
        `query ($id: ID!) { youth(id: $id) { selfAssessments { overall } } }`,
        { id },
      );
      // Assess
      const youth = result.data?.youth as { selfAssessments?: unknown } | null;
      expect(youth?.selfAssessments ?? null, caller.role).toBeNull();
      expect(JSON.stringify(result.data ?? null)).not.toContain('overall');
    }
  });

  it('keeps whether the enrolment assessment is due from a linked company', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, companyContactIdentity('c-sa-read')),
      `query ($id: ID!) { youth(id: $id) { name selfAssessmentDue } }`,
      { id },
    );
    // Assess
    expect(result.data?.youth).toEqual({ name: 'Ida Jensen', selfAssessmentDue: null });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });
});
