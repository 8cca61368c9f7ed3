import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import { runCommand } from '#kernel/command';
import { createItemLoader } from '#kernel/entity-loader';
import { DomainRuleError } from '#kernel/errors';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { recountPeopleFigures } from '#people/maintenance/recount';
import {
  type LifecycleStep,
  lifecycleExecutionName,
  lifecycleExecutionRun,
} from '#placements/domain/lifecycle';
import {
  completePlacementCheckpointCommand,
  recordFollowUpCommand,
  recordPlacementOutcomeCommand,
  startPlacementLifecycleCommand,
} from '#placements/domain/lifecycle-commands';
import { StaleTaskTokenError } from '#placements/domain/lifecycle-engine';
import {
  completeCheckpointCommand,
  completePlacementCommand,
  interruptPlacementCommand,
} from '#placements/domain/placement-course-commands';
import { recountPlacementFigures } from '#placements/maintenance/recount';
import {
  listEscalatedTasks,
  listOpenTasksOfStaff,
  listTasksOfPlacement,
} from '#placements/repository/lifecycle-task-repository';
import { loadPlacement } from '#placements/repository/placement-repository';
import { captureEmf } from '../support/emf.ts';
import {
  eventually,
  type LifecycleHarness,
  startLifecycleHarness,
} from '../support/lifecycle-harness.ts';
import {
  aPlacement,
  givenHost,
  givenPlacements,
  givenYoungPeople,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const ids = [
  'job-kept',
  'job-lost',
  'education',
  'extend',
  'pause',
  'interrupt',
  'left-for-job',
  'old-client',
  'overdue',
  'twice',
  'bad',
  'versions',
];

/** A placement under way whose lifecycle nobody has started. */
const UNSTARTED = 'unstarted';

/** A placement of three months from 1 October 2026 (the overdue one later), without a lifecycle yet. */
function placementOf(id: string) {
  const later = id === 'overdue';
  return aPlacement({
    id,
    youthId: `y-${id}`,
    status: 'ACTIVE',
    startDate: later ? '2027-08-01' : '2026-10-01',
    endDate: later ? '2027-11-01' : '2027-01-01',
  });
}

async function ruleCode(command: Promise<unknown>): Promise<string> {
  try {
    await command;
  } catch (error) {
    if (error instanceof DomainRuleError) return error.userError.code;
    throw error;
  }
  return 'NO_ERROR';
}

describe('the placement lifecycle on the local engine against DynamoDB Local', () => {
  let table: Table;
  let h: LifecycleHarness;
  const engine = () => h.lifecycle.engine;

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(
      table,
      '265',
      [...ids, UNSTARTED].map((id) => `y-${id}`),
      'IN_PLACEMENT',
    );
    await givenHost(table, 'c-1', '265', { places: 20 });
    await givenPlacements(table, [...ids, UNSTARTED].map(placementOf));
    h = await startLifecycleHarness(table, '2026-10-01');
    for (const id of ids) await startLifecycle(id);
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** The version of the placement as the team last read it. */
  const placementVersion = async (id: string) =>
    (await loadPlacement(createItemLoader(table), id))?.version ?? 0;
  /** The version of the step's task as the team last read it (0 while it has not opened). */
  const taskVersion = async (id: string, step: LifecycleStep) =>
    (await h.taskOf(id, step))?.version ?? 0;

  async function startLifecycle(id: string) {
    return runCommand(h.staff(), startPlacementLifecycleCommand, {
      placementId: id,
      expectedVersion: await placementVersion(id),
    });
  }

  async function holdCheckpoint(
    id: string,
    step: LifecycleStep,
    completedOn: string,
    notes?: string,
  ) {
    return runCommand(h.staff(), completePlacementCheckpointCommand, {
      placementId: id,
      step,
      completedOn,
      ...(notes ? { notes } : {}),
      expectedVersion: await taskVersion(id, step),
    });
  }

  async function decide(id: string, outcome: Record<string, unknown>) {
    return runCommand(h.staff(), recordPlacementOutcomeCommand, {
      placementId: id,
      outcome,
      expectedVersion: await placementVersion(id),
    });
  }

  async function followUp(
    id: string,
    step: LifecycleStep,
    stillThere: boolean,
    recordedOn: string,
    notes?: string,
  ) {
    return runCommand(h.staff(), recordFollowUpCommand, {
      placementId: id,
      step,
      stillThere,
      recordedOn,
      ...(notes ? { notes } : {}),
      expectedVersion: await taskVersion(id, step),
    });
  }

  /** Walks a placement through its three checkpoints to its decision. */
  async function toDecision(id: string) {
    for (const [step, opens] of [
      ['CHECK_IN', '2026-10-12'],
      ['MIDWAY_EVALUATION', '2026-11-09'],
      ['BEFORE_END_TALK', '2026-12-14'],
    ] as const) {
      if (h.clock.today() < opens) await h.advanceTo(opens);
      await h.waitingOn(id, step);
      await holdCheckpoint(id, step, h.clock.today(), 'Godt i gang');
    }
    if (h.clock.today() < '2027-01-01') await h.advanceTo('2027-01-01');
    await h.waitingOn(id, 'OUTCOME_DECISION');
  }

  it('walks check-in, midway and before-the-end to the decision; JOB leads to follow-ups and retention kept', async () => {
    // Prepare
    const id = 'job-kept';
    await toDecision(id);
    // Act
    await decide(id, {
      kind: 'JOB',
      date: '2027-01-01',
      details: { what: 'Lagermedarbejder', where: 'Lager A/S', startDate: '2027-01-04' },
    });
    await h.advanceTo('2027-04-01');
    await h.waitingOn(id, 'FOLLOW_UP_3_MONTHS');
    await followUp(id, 'FOLLOW_UP_3_MONTHS', true, '2027-04-01');
    await h.advanceTo('2027-07-01');
    await h.waitingOn(id, 'FOLLOW_UP_6_MONTHS');
    await followUp(id, 'FOLLOW_UP_6_MONTHS', true, '2027-07-01');
    await h.ended(id);
    // Assess
    const placement = await loadPlacement(createItemLoader(table), id);
    expect(placement?.status).toBe('COMPLETED');
    expect((await table.get(sharedKeys.youth(`y-${id}`)))?.status).toBe('IN_JOB');
    expect(placement?.lifecycle).toMatchObject({
      status: 'ENDED',
      step: 'FOLLOW_UP_6_MONTHS',
      endReason: 'FOLLOWED_UP',
      nextDueDate: null,
    });
    expect(placement?.followUps).toEqual([
      expect.objectContaining({
        step: 'FOLLOW_UP_3_MONTHS',
        outcomeKind: 'JOB',
        stillThere: true,
        dueDate: '2027-04-04',
      }),
      expect.objectContaining({
        step: 'FOLLOW_UP_6_MONTHS',
        outcomeKind: 'JOB',
        stillThere: true,
        dueDate: '2027-07-04',
      }),
    ]);
    const tasks = await listTasksOfPlacement(table, id);
    expect(tasks.map((t) => [t.step, t.status])).toEqual([
      ['CHECK_IN', 'DONE'],
      ['MIDWAY_EVALUATION', 'DONE'],
      ['BEFORE_END_TALK', 'DONE'],
      ['OUTCOME_DECISION', 'DONE'],
      ['FOLLOW_UP_3_MONTHS', 'DONE'],
      ['FOLLOW_UP_6_MONTHS', 'DONE'],
    ]);
    // The execution history waited on exactly the steps the placement records, in order.
    const awaited = h.history(id).filter((state) => state.endsWith('_AwaitPerson'));
    expect([...new Set(awaited)]).toEqual([
      'CheckIn_AwaitPerson',
      'MidwayEvaluation_AwaitPerson',
      'BeforeEndTalk_AwaitPerson',
      'OutcomeDecision_AwaitPerson',
      'FollowUp3Months_AwaitPerson',
      'FollowUp6Months_AwaitPerson',
    ]);
    expect(h.history(id).at(-1)).toBe('Ended');
  });

  it('ends after the 3-month follow-up when a job was lost', async () => {
    // Prepare
    const id = 'job-lost';
    await toDecision(id);
    await decide(id, {
      kind: 'JOB',
      date: '2027-01-01',
      details: { what: 'Kok', where: 'Kroen', startDate: '2027-01-01' },
    });
    if (h.clock.today() < '2027-04-01') await h.advanceTo('2027-04-01');
    await h.waitingOn(id, 'FOLLOW_UP_3_MONTHS');
    // Act
    await followUp(id, 'FOLLOW_UP_3_MONTHS', false, h.clock.today(), 'Stoppede');
    await h.ended(id);
    // Assess
    const placement = await loadPlacement(createItemLoader(table), id);
    expect(placement?.lifecycle).toMatchObject({ status: 'ENDED', endReason: 'FOLLOWED_UP' });
    expect(placement?.followUps).toEqual([
      expect.objectContaining({ step: 'FOLLOW_UP_3_MONTHS', stillThere: false }),
    ]);
    expect(h.history(id)).not.toContain('FollowUp6Months_Plan');
    // Back in the programme from the follow-up, so youthStats counts the fall back that
    // placementStats.retention counts as lost; both figures still agree with their recounts.
    expect((await table.get(sharedKeys.youth(`y-${id}`)))?.status).toBe('ENROLLED');
    expect((await recountPeopleFigures(table)).differences).toEqual([]);
    expect((await recountPlacementFigures(table)).differences).toEqual([]);
  });

  it('follows up an education the same way, retention kept then lost', async () => {
    // Prepare
    const id = 'education';
    await toDecision(id);
    await decide(id, {
      kind: 'EDUCATION',
      date: '2027-01-01',
      details: { what: 'Grundforløb', where: 'Erhvervsskolen', startDate: '2027-01-02' },
    });
    if (h.clock.today() < '2027-04-01') await h.advanceTo('2027-04-01');
    await h.waitingOn(id, 'FOLLOW_UP_3_MONTHS');
    await followUp(id, 'FOLLOW_UP_3_MONTHS', true, h.clock.today());
    if (h.clock.today() < '2027-07-01') await h.advanceTo('2027-07-01');
    await h.waitingOn(id, 'FOLLOW_UP_6_MONTHS');
    // Act
    await followUp(id, 'FOLLOW_UP_6_MONTHS', false, h.clock.today());
    await h.ended(id);
    // Assess
    const placement = await loadPlacement(createItemLoader(table), id);
    expect(placement?.outcome?.kind).toBe('EDUCATION');
    expect(placement?.followUps?.map((f) => [f.step, f.outcomeKind, f.stillThere])).toEqual([
      ['FOLLOW_UP_3_MONTHS', 'EDUCATION', true],
      ['FOLLOW_UP_6_MONTHS', 'EDUCATION', false],
    ]);
  });

  it('extends within the limit (after an individual assessment), loops back to the before-the-end talk, then a new placement ends it', async () => {
    // Prepare
    const id = 'extend';
    await toDecision(id);
    const extend = (outcome: Record<string, unknown>) =>
      decide(id, { kind: 'EXTENDED', date: h.clock.today(), ...outcome });
    // Act: beyond 13 weeks without an assessment, beyond 26 without a special need: refused
    const withoutAssessment = await ruleCode(extend({ newEndDate: '2027-02-01' }));
    const beyondAssessed = await ruleCode(
      extend({ newEndDate: '2027-05-01', individualAssessment: true }),
    );
    const unchanged = await loadPlacement(createItemLoader(table), id);
    await extend({ newEndDate: '2027-02-01', individualAssessment: true });
    await h.advanceTo('2027-01-15');
    await h.waitingOn(id, 'BEFORE_END_TALK');
    await holdCheckpoint(id, 'BEFORE_END_TALK', h.clock.today());
    await h.advanceTo('2027-02-01');
    await h.waitingOn(id, 'OUTCOME_DECISION');
    await decide(id, { kind: 'NEW_PLACEMENT', date: '2027-02-01' });
    await h.ended(id);
    // Assess
    expect(withoutAssessment).toBe('EXTENSION_LIMIT_EXCEEDED');
    expect(beyondAssessed).toBe('EXTENSION_LIMIT_EXCEEDED');
    expect(unchanged?.endDate).toBe('2027-01-01');
    expect(unchanged?.status).toBe('ACTIVE');
    const placement = await loadPlacement(createItemLoader(table), id);
    expect(placement).toMatchObject({ status: 'COMPLETED', endDate: '2027-02-01' });
    expect(placement?.outcome?.kind).toBe('NEW_PLACEMENT');
    expect(placement?.lifecycle).toMatchObject({ status: 'ENDED', round: 2, endReason: 'DECIDED' });
    const tasks = await listTasksOfPlacement(table, id);
    expect(tasks.filter((t) => t.round === 2).map((t) => [t.step, t.dueDate])).toEqual([
      ['BEFORE_END_TALK', '2027-01-18'],
      ['OUTCOME_DECISION', '2027-02-01'],
    ]);
    expect(h.history(id)).toContain('Extension_NextRound');
  });

  it('ends at the decision with a pause', async () => {
    // Prepare
    const id = 'pause';
    // The clock is past this placement's dates by now: every step opens at once.
    for (const step of ['CHECK_IN', 'MIDWAY_EVALUATION', 'BEFORE_END_TALK'] as const) {
      await h.waitingOn(id, step);
      await holdCheckpoint(id, step, '2026-12-31');
    }
    await h.waitingOn(id, 'OUTCOME_DECISION');
    // Act
    await decide(id, { kind: 'PAUSE', date: '2027-01-01' });
    await h.ended(id);
    // Assess
    const placement = await loadPlacement(createItemLoader(table), id);
    expect(placement).toMatchObject({ status: 'COMPLETED', outcome: { kind: 'PAUSE' } });
    expect(placement?.lifecycle).toMatchObject({
      status: 'ENDED',
      endReason: 'DECIDED',
      step: 'OUTCOME_DECISION',
    });
  });

  it('ends cleanly when the placement is interrupted: tasks cancelled, execution stopped', async () => {
    // Prepare
    const id = 'interrupt';
    await h.waitingOn(id, 'CHECK_IN');
    // Act
    await runCommand(h.staff(), interruptPlacementCommand, {
      placementId: id,
      expectedVersion: await placementVersion(id),
      outcome: { kind: 'NEW_PLACEMENT', date: '2026-12-31' },
      reflection: {
        whatHappened: 'Ikke det rette fag',
        whatWasLearned: 'Vil hellere ud',
        whatNext: 'Ny praktik',
      },
    });
    // Assess
    const placement = await loadPlacement(createItemLoader(table), id);
    expect(placement).toMatchObject({ status: 'INTERRUPTED' });
    expect(placement?.lifecycle).toMatchObject({ status: 'ENDED', endReason: 'INTERRUPTED' });
    const tasks = await listTasksOfPlacement(table, id);
    expect(tasks.map((t) => t.status)).toEqual(['CANCELLED']);
    // The execution that ran the lifecycle then (one that took it over, by now: this test's clock
    // is months past the lifecycle's start).
    expect(engine().inspect(placement?.lifecycle?.executionId ?? '')?.status).toBe('ABORTED');
  });

  it('goes on to the retention follow-ups when the young person leaves early for a job', async () => {
    // Prepare: the check-in waits (the clock is past it when the whole file runs)
    const id = 'left-for-job';
    if (h.clock.today() < '2026-11-16') await h.advanceTo('2026-11-16');
    await h.waitingOn(id, 'CHECK_IN');
    const before = await loadPlacement(createItemLoader(table), id);
    // Act: no learning reflection; the job began on 16 November
    await runCommand(h.staff(), interruptPlacementCommand, {
      placementId: id,
      expectedVersion: await placementVersion(id),
      outcome: {
        kind: 'JOB',
        date: '2026-11-13',
        details: { what: 'Lagermedarbejder', where: 'Lager A/S', startDate: '2026-11-16' },
      },
    });
    const left = await loadPlacement(createItemLoader(table), id);
    if (h.clock.today() < '2027-02-16') await h.advanceTo('2027-02-16');
    await h.waitingOn(id, 'FOLLOW_UP_3_MONTHS');
    await followUp(id, 'FOLLOW_UP_3_MONTHS', true, h.clock.today());
    if (h.clock.today() < '2027-05-16') await h.advanceTo('2027-05-16');
    await h.waitingOn(id, 'FOLLOW_UP_6_MONTHS');
    await followUp(id, 'FOLLOW_UP_6_MONTHS', true, h.clock.today());
    await h.ended(id);
    // Assess
    expect(left).toMatchObject({
      status: 'COMPLETED',
      endDate: '2026-11-13',
      learningReflection: null,
    });
    expect(left?.lifecycle).toMatchObject({
      status: 'RUNNING',
      step: 'FOLLOW_UP_3_MONTHS',
      nextDueDate: '2027-02-16',
    });
    expect(engine().inspect(before?.lifecycle?.executionId ?? '')?.status).toBe('ABORTED');
    const placement = await loadPlacement(createItemLoader(table), id);
    expect(placement?.lifecycle).toMatchObject({ status: 'ENDED', endReason: 'FOLLOWED_UP' });
    expect(placement?.followUps?.map((f) => [f.step, f.outcomeKind, f.stillThere])).toEqual([
      ['FOLLOW_UP_3_MONTHS', 'JOB', true],
      ['FOLLOW_UP_6_MONTHS', 'JOB', true],
    ]);
    const tasks = await listTasksOfPlacement(table, id);
    expect(tasks.map((t) => [t.step, t.status])).toEqual([
      ['CHECK_IN', 'CANCELLED'],
      ['FOLLOW_UP_3_MONTHS', 'DONE'],
      ['FOLLOW_UP_6_MONTHS', 'DONE'],
    ]);
  });

  it('holds the lifecycle step when an older client completes a checkpoint with completeCheckpoint', async () => {
    // Prepare
    const id = 'old-client';
    if (h.clock.today() < '2026-11-16') await h.advanceTo('2026-11-16');
    await h.waitingOn(id, 'CHECK_IN');
    const hold = async (checkpointId: string) =>
      runCommand(h.staff(), completeCheckpointCommand, {
        placementId: id,
        checkpointId,
        completedOn: '2026-10-15',
        notes: 'Godt i gang',
        expectedVersion: await placementVersion(id),
      });
    // Act
    const notDue = await ruleCode(hold('cp-3'));
    await hold('cp-1');
    await h.waitingOn(id, 'MIDWAY_EVALUATION');
    // Assess
    expect(notDue).toBe('CHECKPOINT_NOT_DUE');
    const checkIn = (await listTasksOfPlacement(table, id)).find((t) => t.step === 'CHECK_IN');
    expect(checkIn).toMatchObject({ status: 'DONE', completedOn: '2026-10-15' });
    const placement = await loadPlacement(createItemLoader(table), id);
    expect(placement?.checkpoints.find((c) => c.id === 'cp-1')).toMatchObject({
      completedOn: '2026-10-15',
      notes: 'Godt i gang',
      dueDate: '2026-10-15',
    });
  });

  it('reminds the consultant of an overdue task, then escalates it to the team leader', async () => {
    // Prepare: the check-in is due on 15 August
    const id = 'overdue';
    const emf = captureEmf();
    await h.advanceTo('2027-08-12');
    await h.waitingOn(id, 'CHECK_IN');
    const chased = async () => (await listTasksOfPlacement(table, id))[0];
    const opened = await chased();
    // Act: two days overdue, five days overdue, a week after the escalation
    await h.advanceTo('2027-08-17');
    const reminded = await eventually(
      async () => ((await chased())?.reminders === 1 ? chased() : undefined),
      'reminded',
    );
    await h.advanceTo('2027-08-20');
    const escalated = await eventually(
      async () => ((await chased())?.escalations === 1 ? chased() : undefined),
      'escalated',
    );
    await h.advanceTo('2027-08-28');
    const again = await eventually(
      async () => ((await chased())?.escalations === 2 ? chased() : undefined),
      'escalated again',
    );
    await h.waitingOn(id, 'CHECK_IN');
    emf.restore();
    // Assess
    expect(opened).toMatchObject({ status: 'OPEN', reminders: 0, escalations: 0 });
    expect(reminded).toMatchObject({ status: 'OPEN', reminders: 1, escalations: 0 });
    expect(escalated).toMatchObject({ status: 'OPEN', reminders: 1, escalations: 1 });
    expect(again).toMatchObject({ status: 'OPEN', reminders: 1, escalations: 2 });
    const task = again;
    expect(h.history(id)).toContain('CheckIn_Chase');
    const teamLeaders = await listEscalatedTasks(h.staff(), '265', { first: 100 });
    expect(teamLeaders.edges.map((e) => e.node.id)).toContain(task?.id);
    const own = await listOpenTasksOfStaff(h.staff(), 'staff-265-1', { first: 100 });
    expect(own.edges.map((e) => e.node.id)).toContain(task?.id);
    // What operators see (#17): the task opened, overdue, escalated and escalated again.
    expect(emf.metric('LifecycleTasksOpened')).toContainEqual(
      expect.objectContaining({ step: 'CHECK_IN', value: 1 }),
    );
    expect(emf.metric('LifecycleTasksOverdue')).toContainEqual(
      expect.objectContaining({ step: 'CHECK_IN', value: 1 }),
    );
    // (The file's other placements may be overdue too, by the time this test's clock reaches.)
    expect(emf.metric('LifecycleTasksEscalated')).toContainEqual(
      expect.objectContaining({ escalation: 'FIRST', value: 1 }),
    );
    expect(emf.metric('LifecycleTasksEscalated')).toContainEqual(
      expect.objectContaining({ escalation: 'AGAIN', value: 1 }),
    );
  });

  it('starts one execution for a placement however often its lifecycle is started', async () => {
    // Prepare
    const id = 'twice';
    // Act
    const expectedVersion = await placementVersion(id);
    await Promise.all([
      runCommand(h.staff(), startPlacementLifecycleCommand, { placementId: id, expectedVersion }),
      runCommand(h.staff(), startPlacementLifecycleCommand, { placementId: id, expectedVersion }),
    ]);
    // Assess
    const running = engine()
      .runningExecutions()
      .filter((name) => lifecycleExecutionRun(id, name) !== undefined);
    expect(running).toHaveLength(1);
    expect((await listTasksOfPlacement(table, id)).map((t) => t.step)).toEqual(['CHECK_IN']);
    expect((await loadPlacement(createItemLoader(table), id))?.lifecycle?.executionId).toBe(
      running[0],
    );
  });

  it('refuses input that does not fit where the lifecycle stands, changes nothing and keeps waiting', async () => {
    // Prepare
    const id = 'bad';
    await h.waitingOn(id, 'CHECK_IN');
    const before = await listTasksOfPlacement(table, id);
    // Act
    const codes = [
      await ruleCode(holdCheckpoint(id, 'MIDWAY_EVALUATION', h.clock.today())),
      await ruleCode(decide(id, { kind: 'PAUSE', date: h.clock.today() })),
      await ruleCode(followUp(id, 'CHECK_IN', true, h.clock.today())),
      await ruleCode(holdCheckpoint(id, 'OUTCOME_DECISION', h.clock.today())),
      await ruleCode(
        runCommand(h.staff(), completePlacementCommand, {
          placementId: id,
          expectedVersion: await placementVersion(id),
          outcome: { kind: 'PAUSE', date: h.clock.today() },
        }),
      ),
    ];
    const foreign = await engine()
      .sendTaskSuccess('local-placement-someone-else-token', {})
      .catch((error: Error) => error);
    // Assess
    expect(codes).toEqual([
      'CHECKPOINT_NOT_DUE',
      'NOT_AT_DECISION',
      'NOT_A_FOLLOW_UP',
      'NOT_A_CHECKPOINT',
      'LIFECYCLE_RUNNING',
    ]);
    expect(foreign).toBeInstanceOf(StaleTaskTokenError);
    expect(await listTasksOfPlacement(table, id)).toEqual(before);
    const current = (await loadPlacement(createItemLoader(table), id))?.lifecycle?.executionId;
    expect(engine().isWaitingOn(current ?? '', 'CHECK_IN')).toBe(true);
    // …and a checkpoint held twice is refused the second time
    await holdCheckpoint(id, 'CHECK_IN', '2026-10-13');
    expect(await ruleCode(holdCheckpoint(id, 'CHECK_IN', '2026-10-13'))).toBe(
      'CHECKPOINT_ALREADY_DONE',
    );
  });
  describe('changes on a stale version, sent again, and in the audit trail', () => {
    /** The placement and its tasks as stored: what a refused change must leave as it is. */
    const stored = async (id: string) => ({
      placement: await loadPlacement(createItemLoader(table), id),
      tasks: await listTasksOfPlacement(table, id),
    });
    const changesOf = async (id: string) =>
      (await table.queryAll({ partition: AUDIT_KEYS.youthPartition(`y-${id}`) }))
        .filter((item) => item.action === 'CHANGE')
        .map((item) => String(item.target))
        .sort();

    it('refuses to start a lifecycle on a stale version of the placement, starting nothing', async () => {
      // Prepare
      const before = await stored(UNSTARTED);
      // Act
      const stale = runCommand(h.staff(), startPlacementLifecycleCommand, {
        placementId: UNSTARTED,
        expectedVersion: 7,
      });
      // Assess
      await expect(stale).rejects.toMatchObject({
        extensions: { code: 'CONFLICT', currentVersion: 1 },
      });
      expect(await stored(UNSTARTED)).toEqual(before);
      expect(engine().inspect(lifecycleExecutionName(UNSTARTED))).toBeUndefined();
    });

    it('refuses each task on a stale version, answers a repeat with its key, and audits every change', async () => {
      // Prepare: the clock is past this placement's dates by now, every step opens at once
      const id = 'versions';
      await h.waitingOn(id, 'CHECK_IN');
      const checkIn = await taskVersion(id, 'CHECK_IN');
      const before = await stored(id);
      // Act: a checkpoint on a stale version of its task, then held, then sent again
      const staleCheckpoint = await runCommand(h.staff(), completePlacementCheckpointCommand, {
        placementId: id,
        step: 'CHECK_IN',
        completedOn: '2026-10-14',
        expectedVersion: checkIn + 1,
      }).catch((error: unknown) => error);
      const afterStale = await stored(id);
      const held = {
        placementId: id,
        step: 'CHECK_IN',
        completedOn: '2026-10-14',
        expectedVersion: checkIn,
        idempotencyKey: 'versions-check-in',
      };
      const checkInTask = async () =>
        (await listTasksOfPlacement(table, id)).find((task) => task.step === 'CHECK_IN');
      const first = await runCommand(h.staff(), completePlacementCheckpointCommand, held);
      const heldTask = await checkInTask();
      const again = await runCommand(h.staff(), completePlacementCheckpointCommand, held);
      const heldTaskAgain = await checkInTask();
      // …then on to the decision, refused once on a stale version of the placement
      for (const step of ['MIDWAY_EVALUATION', 'BEFORE_END_TALK'] as const) {
        await h.waitingOn(id, step);
        await holdCheckpoint(id, step, '2026-12-31');
      }
      await h.waitingOn(id, 'OUTCOME_DECISION');
      const outcome = {
        kind: 'EDUCATION',
        date: '2027-01-01',
        details: { what: 'Grundforløb', where: 'Erhvervsskolen', startDate: '2027-01-04' },
      };
      const staleDecision = await runCommand(h.staff(), recordPlacementOutcomeCommand, {
        placementId: id,
        outcome,
        expectedVersion: (await placementVersion(id)) - 1,
      }).catch((error: unknown) => error);
      await decide(id, outcome);
      // …and to the follow-up, refused once on a stale version of its task
      await h.waitingOn(id, 'FOLLOW_UP_3_MONTHS');
      const staleFollowUp = await runCommand(h.staff(), recordFollowUpCommand, {
        placementId: id,
        step: 'FOLLOW_UP_3_MONTHS',
        stillThere: false,
        recordedOn: h.clock.today(),
        expectedVersion: (await taskVersion(id, 'FOLLOW_UP_3_MONTHS')) + 1,
      }).catch((error: unknown) => error);
      await followUp(id, 'FOLLOW_UP_3_MONTHS', false, h.clock.today());
      await h.ended(id);
      // Assess
      expect(staleCheckpoint).toMatchObject({
        extensions: { code: 'CONFLICT', currentVersion: checkIn },
      });
      expect(afterStale).toEqual(before);
      // The repeat answers with the placement as it is now: the workflow has moved on meanwhile.
      expect(again.id).toBe(first.id);
      expect(heldTask?.status).toBe('DONE');
      expect(heldTaskAgain).toEqual(heldTask);
      expect(staleDecision).toMatchObject({ extensions: { code: 'CONFLICT' } });
      expect(staleFollowUp).toMatchObject({ extensions: { code: 'CONFLICT' } });
      expect(await changesOf(id)).toEqual(
        [
          'Mutation.startPlacementLifecycle',
          'Mutation.completePlacementCheckpoint',
          'Mutation.completePlacementCheckpoint',
          'Mutation.completePlacementCheckpoint',
          'Mutation.recordPlacementOutcome',
          'Mutation.recordFollowUp',
        ].sort(),
      );
    });
  });
});
