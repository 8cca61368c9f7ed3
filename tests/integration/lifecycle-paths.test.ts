import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainRuleError } from '#kernel/errors';
import type { Table } from '#kernel/table/table';
import { lifecycleExecutionName } from '#placements/domain/lifecycle';
import {
  completePlacementCheckpoint,
  recordFollowUp,
  recordPlacementOutcome,
  startPlacementLifecycle,
} from '#placements/domain/lifecycle-commands';
import { StaleTaskTokenError } from '#placements/domain/lifecycle-engine';
import { completePlacement, interruptPlacement } from '#placements/domain/placement-commands';
import {
  listEscalatedTasks,
  listOpenTasksOfStaff,
  listTasksOfPlacement,
} from '#placements/repository/lifecycle-task-repository';
import { readPlacement } from '#placements/repository/placement-repository';
import {
  eventually,
  type LifecycleHarness,
  startLifecycleHarness,
} from '../support/lifecycle-harness.ts';
import {
  aPlacement,
  hostItems,
  storePlacements,
  youthItem,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const ids = [
  'job-kept',
  'job-lost',
  'education',
  'extend',
  'pause',
  'interrupt',
  'overdue',
  'twice',
  'bad',
];

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
    await table.putMany([
      ...ids.map((id) => youthItem(`y-${id}`, '265', 'IN_PLACEMENT')),
      ...hostItems('c-1', '265', { places: 20 }),
    ]);
    await storePlacements(table, ids.map(placementOf));
    h = await startLifecycleHarness(table, '2026-10-01');
    for (const id of ids) {
      await startPlacementLifecycle(h.staff(), { placementId: id }, engine());
    }
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** Walks a placement through its three checkpoints to its decision. */
  async function toDecision(id: string) {
    for (const [step, opens] of [
      ['CHECK_IN', '2026-10-12'],
      ['MIDWAY_EVALUATION', '2026-11-09'],
      ['BEFORE_END_TALK', '2026-12-14'],
    ] as const) {
      if (h.clock.today() < opens) await h.advanceTo(opens);
      await h.waitingOn(id, step);
      await completePlacementCheckpoint(
        h.staff(),
        { placementId: id, step, completedOn: h.clock.today(), notes: 'Godt i gang' },
        engine(),
      );
    }
    if (h.clock.today() < '2027-01-01') await h.advanceTo('2027-01-01');
    await h.waitingOn(id, 'OUTCOME_DECISION');
  }

  it('walks check-in, midway and before-the-end to the decision; JOB leads to follow-ups and retention kept', async () => {
    // Prepare
    const id = 'job-kept';
    await toDecision(id);
    // Act
    await recordPlacementOutcome(
      h.staff(),
      {
        placementId: id,
        outcome: {
          kind: 'JOB',
          date: '2027-01-01',
          details: { what: 'Lagermedarbejder', where: 'Lager A/S', startDate: '2027-01-04' },
        },
      },
      engine(),
    );
    await h.advanceTo('2027-04-01');
    await h.waitingOn(id, 'FOLLOW_UP_3_MONTHS');
    await recordFollowUp(
      h.staff(),
      { placementId: id, step: 'FOLLOW_UP_3_MONTHS', stillThere: true, recordedOn: '2027-04-01' },
      engine(),
    );
    await h.advanceTo('2027-07-01');
    await h.waitingOn(id, 'FOLLOW_UP_6_MONTHS');
    await recordFollowUp(
      h.staff(),
      { placementId: id, step: 'FOLLOW_UP_6_MONTHS', stillThere: true, recordedOn: '2027-07-01' },
      engine(),
    );
    await h.ended(id);
    // Assess
    const placement = await readPlacement(table, id);
    expect(placement?.status).toBe('COMPLETED');
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
    await recordPlacementOutcome(
      h.staff(),
      {
        placementId: id,
        outcome: {
          kind: 'JOB',
          date: '2027-01-01',
          details: { what: 'Kok', where: 'Kroen', startDate: '2027-01-01' },
        },
      },
      engine(),
    );
    if (h.clock.today() < '2027-04-01') await h.advanceTo('2027-04-01');
    await h.waitingOn(id, 'FOLLOW_UP_3_MONTHS');
    // Act
    await recordFollowUp(
      h.staff(),
      {
        placementId: id,
        step: 'FOLLOW_UP_3_MONTHS',
        stillThere: false,
        recordedOn: h.clock.today(),
        notes: 'Stoppede',
      },
      engine(),
    );
    await h.ended(id);
    // Assess
    const placement = await readPlacement(table, id);
    expect(placement?.lifecycle).toMatchObject({ status: 'ENDED', endReason: 'FOLLOWED_UP' });
    expect(placement?.followUps).toEqual([
      expect.objectContaining({ step: 'FOLLOW_UP_3_MONTHS', stillThere: false }),
    ]);
    expect(h.history(id)).not.toContain('FollowUp6Months_Plan');
  });

  it('follows up an education the same way, retention kept then lost', async () => {
    // Prepare
    const id = 'education';
    await toDecision(id);
    await recordPlacementOutcome(
      h.staff(),
      {
        placementId: id,
        outcome: {
          kind: 'EDUCATION',
          date: '2027-01-01',
          details: { what: 'Grundforløb', where: 'Erhvervsskolen', startDate: '2027-01-02' },
        },
      },
      engine(),
    );
    if (h.clock.today() < '2027-04-01') await h.advanceTo('2027-04-01');
    await h.waitingOn(id, 'FOLLOW_UP_3_MONTHS');
    await recordFollowUp(
      h.staff(),
      {
        placementId: id,
        step: 'FOLLOW_UP_3_MONTHS',
        stillThere: true,
        recordedOn: h.clock.today(),
      },
      engine(),
    );
    if (h.clock.today() < '2027-07-01') await h.advanceTo('2027-07-01');
    await h.waitingOn(id, 'FOLLOW_UP_6_MONTHS');
    // Act
    await recordFollowUp(
      h.staff(),
      {
        placementId: id,
        step: 'FOLLOW_UP_6_MONTHS',
        stillThere: false,
        recordedOn: h.clock.today(),
      },
      engine(),
    );
    await h.ended(id);
    // Assess
    const placement = await readPlacement(table, id);
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
      recordPlacementOutcome(
        h.staff(),
        { placementId: id, outcome: { kind: 'EXTENDED', date: h.clock.today(), ...outcome } },
        engine(),
      );
    // Act: beyond 13 weeks without an assessment, beyond 26 without a special need: refused
    const withoutAssessment = await ruleCode(extend({ newEndDate: '2027-02-01' }));
    const beyondAssessed = await ruleCode(
      extend({ newEndDate: '2027-05-01', individualAssessment: true }),
    );
    const unchanged = await readPlacement(table, id);
    await extend({ newEndDate: '2027-02-01', individualAssessment: true });
    await h.advanceTo('2027-01-15');
    await h.waitingOn(id, 'BEFORE_END_TALK');
    await completePlacementCheckpoint(
      h.staff(),
      { placementId: id, step: 'BEFORE_END_TALK', completedOn: h.clock.today() },
      engine(),
    );
    await h.advanceTo('2027-02-01');
    await h.waitingOn(id, 'OUTCOME_DECISION');
    await recordPlacementOutcome(
      h.staff(),
      { placementId: id, outcome: { kind: 'NEW_PLACEMENT', date: '2027-02-01' } },
      engine(),
    );
    await h.ended(id);
    // Assess
    expect(withoutAssessment).toBe('EXTENSION_LIMIT_EXCEEDED');
    expect(beyondAssessed).toBe('EXTENSION_LIMIT_EXCEEDED');
    expect(unchanged?.endDate).toBe('2027-01-01');
    expect(unchanged?.status).toBe('ACTIVE');
    const placement = await readPlacement(table, id);
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
      await completePlacementCheckpoint(
        h.staff(),
        { placementId: id, step, completedOn: '2026-12-31' },
        engine(),
      );
    }
    await h.waitingOn(id, 'OUTCOME_DECISION');
    // Act
    await recordPlacementOutcome(
      h.staff(),
      { placementId: id, outcome: { kind: 'PAUSE', date: '2027-01-01' } },
      engine(),
    );
    await h.ended(id);
    // Assess
    const placement = await readPlacement(table, id);
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
    await interruptPlacement(
      h.staff(),
      {
        placementId: id,
        outcome: { kind: 'NEW_PLACEMENT', date: '2026-12-31' },
        reflection: {
          whatHappened: 'Ikke det rette fag',
          whatWasLearned: 'Vil hellere ud',
          whatNext: 'Ny praktik',
        },
      },
      engine(),
    );
    // Assess
    const placement = await readPlacement(table, id);
    expect(placement).toMatchObject({ status: 'INTERRUPTED' });
    expect(placement?.lifecycle).toMatchObject({ status: 'ENDED', endReason: 'INTERRUPTED' });
    const tasks = await listTasksOfPlacement(table, id);
    expect(tasks.map((t) => t.status)).toEqual(['CANCELLED']);
    expect(engine().inspect(lifecycleExecutionName(id))?.status).toBe('ABORTED');
  });

  it('reminds the consultant of an overdue task, then escalates it to the team leader', async () => {
    // Prepare: the check-in is due on 15 August
    const id = 'overdue';
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
    // Assess
    expect(opened).toMatchObject({ status: 'OPEN', reminders: 0, escalations: 0 });
    expect(reminded).toMatchObject({ status: 'OPEN', reminders: 1, escalations: 0 });
    expect(escalated).toMatchObject({ status: 'OPEN', reminders: 1, escalations: 1 });
    expect(again).toMatchObject({ status: 'OPEN', reminders: 1, escalations: 2 });
    const task = again;
    expect(h.history(id)).toContain('CheckIn_Chase');
    const teamLeaders = await listEscalatedTasks(table, h.staff().cursors, '265', 100, null);
    expect(teamLeaders.edges.map((e) => e.node.id)).toContain(task?.id);
    const own = await listOpenTasksOfStaff(table, h.staff().cursors, 'staff-265-1', 100, null);
    expect(own.edges.map((e) => e.node.id)).toContain(task?.id);
  });

  it('starts one execution for a placement however often its lifecycle is started', async () => {
    // Prepare
    const id = 'twice';
    // Act
    await Promise.all([
      startPlacementLifecycle(h.staff(), { placementId: id }, engine()),
      startPlacementLifecycle(h.staff(), { placementId: id }, engine()),
    ]);
    // Assess
    const running = engine()
      .runningExecutions()
      .filter((name) => name === lifecycleExecutionName(id));
    expect(running).toHaveLength(1);
    expect((await listTasksOfPlacement(table, id)).map((t) => t.step)).toEqual(['CHECK_IN']);
    expect((await readPlacement(table, id))?.lifecycle?.executionId).toBe(
      lifecycleExecutionName(id),
    );
  });

  it('refuses input that does not fit where the lifecycle stands, changes nothing and keeps waiting', async () => {
    // Prepare
    const id = 'bad';
    await h.waitingOn(id, 'CHECK_IN');
    const before = await listTasksOfPlacement(table, id);
    // Act
    const codes = [
      await ruleCode(
        completePlacementCheckpoint(
          h.staff(),
          { placementId: id, step: 'MIDWAY_EVALUATION', completedOn: h.clock.today() },
          engine(),
        ),
      ),
      await ruleCode(
        recordPlacementOutcome(
          h.staff(),
          { placementId: id, outcome: { kind: 'PAUSE', date: h.clock.today() } },
          engine(),
        ),
      ),
      await ruleCode(
        recordFollowUp(
          h.staff(),
          { placementId: id, step: 'CHECK_IN', stillThere: true, recordedOn: h.clock.today() },
          engine(),
        ),
      ),
      await ruleCode(
        completePlacementCheckpoint(
          h.staff(),
          { placementId: id, step: 'OUTCOME_DECISION', completedOn: h.clock.today() },
          engine(),
        ),
      ),
      await ruleCode(
        completePlacement(h.staff(), {
          placementId: id,
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
    expect(engine().isWaitingOn(lifecycleExecutionName(id), 'CHECK_IN')).toBe(true);
    // …and a checkpoint held twice is refused the second time
    await completePlacementCheckpoint(
      h.staff(),
      { placementId: id, step: 'CHECK_IN', completedOn: '2026-10-13' },
      engine(),
    );
    expect(
      await ruleCode(
        completePlacementCheckpoint(
          h.staff(),
          { placementId: id, step: 'CHECK_IN', completedOn: '2026-10-13' },
          engine(),
        ),
      ),
    ).toBe('CHECKPOINT_ALREADY_DONE');
  });
});
