import { afterAll, describe, expect, it } from 'vitest';
import { MAX_EXECUTION_MS } from '#infra/local/lifecycle/execution-records';
import type { LocalExecutionDescription } from '#infra/local/lifecycle/local-engine';
import { type LocalLifecycle, startLocalLifecycle } from '#infra/local/lifecycle/local-lifecycle';
import { addDays } from '#kernel/calendar';
import { runCommand } from '#kernel/command';
import { createItemLoader } from '#kernel/entity-loader';
import { type LifecycleStep, lifecycleExecutionRun } from '#placements/domain/lifecycle';
import { ScaledLifecycleClock } from '#placements/domain/lifecycle-clock';
import {
  completePlacementCheckpointCommand,
  recordFollowUpCommand,
  recordPlacementOutcomeCommand,
} from '#placements/domain/lifecycle-commands';
import { EXECUTION_HORIZON_DAYS } from '#placements/domain/lifecycle-horizon';
import type { Placement } from '#placements/domain/placement';
import { listTasksOfPlacement } from '#placements/repository/lifecycle-task-repository';
import { loadPlacement } from '#placements/repository/placement-repository';
import { testContext } from '../support/context.ts';
import { staffIdentity } from '../support/identities.ts';
import { eventually } from '../support/lifecycle-harness.ts';
import { executionInputOf, givenRunningLifecycle } from '../support/running-lifecycle.ts';
import { createTestTable } from '../support/table.ts';

const DAY_MS = 86_400_000;

/**
 * A day of lifecycle time in 0.1 s of real time, as the end-to-end test runs the local stack: a
 * wait is whole workflow seconds, so here ten days at least.
 */
const SCALE = 864_000;

/**
 * No execution comes near Step Functions' one-year limit, however long a lifecycle runs: on the
 * local engine (which ends an execution TIMED_OUT a year after it started) and a sped-up clock,
 * a placement extended to 26 weeks whose young person starts an education two months after it
 * ended, followed up 3 and 6 months into it — some 425 days — runs to its end, each execution
 * handing the lifecycle over to the next before its 200 days are up.
 */
describe('a lifecycle longer than a year', () => {
  let lifecycle: LocalLifecycle | undefined;

  afterAll(async () => {
    await lifecycle?.stop();
  });

  it('completes on a sped-up clock in executions that each ran at most 200 days of lifecycle time', async () => {
    // Prepare
    const table = await createTestTable();
    const clock = new ScaledLifecycleClock(SCALE);
    lifecycle = await startLocalLifecycle({ table, clock });
    const engine = lifecycle.engine;
    const today = () => new Date(clock.now()).toISOString().slice(0, 10);
    const startDate = today();
    const placement = await givenRunningLifecycle(table, {
      startDate,
      endDate: addDays(startDate, 13 * 7),
    });
    const stored = async () =>
      (await loadPlacement(createItemLoader(table), placement.id)) as Placement;
    const staff = () =>
      testContext(table, staffIdentity('265'), new Date(clock.now()), { workflows: engine });
    const taskVersion = async (step: LifecycleStep) =>
      (await listTasksOfPlacement(table, placement.id)).find(
        (task) => task.step === step && task.status === 'OPEN',
      )?.version ?? 0;
    /** Sends the change the lifecycle waits for at a step, at the versions as they are now. */
    const complete = async (step: LifecycleStep, now: Placement): Promise<unknown> => {
      const on = today();
      if (step === 'OUTCOME_DECISION') {
        const extend = now.lifecycle?.round === 1;
        return runCommand(staff(), recordPlacementOutcomeCommand, {
          placementId: placement.id,
          expectedVersion: now.version,
          outcome: extend
            ? {
                kind: 'EXTENDED',
                date: on,
                newEndDate: addDays(startDate, 26 * 7),
                individualAssessment: true,
              }
            : {
                kind: 'EDUCATION',
                date: on,
                details: {
                  what: 'Grundforløb',
                  where: 'Erhvervsskolen',
                  startDate: addDays(on, 61),
                },
              },
        });
      }
      const expectedVersion = await taskVersion(step);
      if (step === 'FOLLOW_UP_3_MONTHS' || step === 'FOLLOW_UP_6_MONTHS') {
        return runCommand(staff(), recordFollowUpCommand, {
          placementId: placement.id,
          step,
          stillThere: true,
          recordedOn: on,
          expectedVersion,
        });
      }
      return runCommand(staff(), completePlacementCheckpointCommand, {
        placementId: placement.id,
        step,
        completedOn: on,
        expectedVersion,
      });
    };
    // The engine forgets an execution 90 days after it ended, as Step Functions does: keep
    // each one's last description as the walk goes.
    const seen = new Map<string, LocalExecutionDescription>();
    const look = () => {
      for (const execution of engine.executions()) {
        if (lifecycleExecutionRun(placement.id, execution.name) !== undefined) {
          seen.set(execution.name, execution);
        }
      }
    };
    // Act: the consultant does what the lifecycle waits for, as soon as it waits for it
    await engine.startExecution(placement.lifecycle.executionId, executionInputOf(placement));
    for (;;) {
      const waiting = await eventually(
        async () => {
          look();
          const now = await stored();
          const lifecycleNow = now.lifecycle;
          if (lifecycleNow?.status === 'ENDED') return { now, ended: true };
          const step = lifecycleNow?.step;
          return step && engine.isWaitingOn(lifecycleNow.executionId, step)
            ? { now, ended: false }
            : undefined;
        },
        'the lifecycle waiting for a person, or ended',
        30_000,
      );
      if (waiting.ended) break;
      const step = waiting.now.lifecycle?.step as LifecycleStep;
      // The sped-up lifecycle may remind the consultant in between: read again, send again.
      await eventually(async () => {
        return complete(step, await stored()).then(
          () => true,
          (error: { extensions?: { code?: string } }) => {
            if (error.extensions?.code === 'CONFLICT') return false;
            throw error;
          },
        );
      }, `${step} completed`);
    }
    await eventually(
      async () =>
        engine.inspect((await stored()).lifecycle?.executionId ?? '')?.status === 'SUCCEEDED',
      'the last execution to end',
    );
    // Assess
    const ended = await stored();
    expect(ended.lifecycle).toMatchObject({
      status: 'ENDED',
      endReason: 'FOLLOWED_UP',
      step: 'FOLLOW_UP_6_MONTHS',
    });
    expect(ended.followUps?.map((f) => [f.step, f.outcomeKind, f.stillThere])).toEqual([
      ['FOLLOW_UP_3_MONTHS', 'EDUCATION', true],
      ['FOLLOW_UP_6_MONTHS', 'EDUCATION', true],
    ]);
    // Every step once: nothing ran twice across the hand-overs.
    const tasks = await listTasksOfPlacement(table, placement.id);
    expect(tasks.map((task) => [task.step, task.round, task.status])).toEqual([
      ['CHECK_IN', 1, 'DONE'],
      ['MIDWAY_EVALUATION', 1, 'DONE'],
      ['BEFORE_END_TALK', 1, 'DONE'],
      ['OUTCOME_DECISION', 1, 'DONE'],
      ['BEFORE_END_TALK', 2, 'DONE'],
      ['OUTCOME_DECISION', 2, 'DONE'],
      ['FOLLOW_UP_3_MONTHS', 2, 'DONE'],
      ['FOLLOW_UP_6_MONTHS', 2, 'DONE'],
    ]);
    look();
    const executions = [...seen.values()].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    const ranDays = executions.map(
      (execution) =>
        (Date.parse(execution.endedAt ?? '') - Date.parse(execution.startedAt)) / DAY_MS,
    );
    const first = Date.parse(executions[0]?.startedAt ?? '');
    const last = Date.parse(executions.at(-1)?.endedAt ?? '');
    expect(last - first).toBeGreaterThan(MAX_EXECUTION_MS);
    expect(executions.map((execution) => execution.status)).toEqual(
      executions.map(() => 'SUCCEEDED'),
    );
    for (const days of ranDays) expect(days).toBeLessThanOrEqual(EXECUTION_HORIZON_DAYS);
    expect(ended.lifecycle?.executionId).toBe(executions.at(-1)?.name);
    expect(ended.lifecycle?.restarts ?? 0).toBe(0);
  }, 180_000);
});
