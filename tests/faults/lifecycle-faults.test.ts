import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEP_STATE_PREFIX } from '#infra/lifecycle/placement-lifecycle.asl';
import { freePort } from '#infra/local/dynamodb-local';
import type { LocalLifecycleEngine } from '#infra/local/lifecycle/local-engine';
import { createItemLoader } from '#kernel/entity-loader';
import { danishToday } from '#kernel/today';
import {
  type LifecycleStep,
  lifecycleExecutionName,
  lifecycleExecutionRun,
} from '#placements/domain/lifecycle';
import type { Placement } from '#placements/domain/placement';
import {
  listTasksOfPlacement,
  placementsWithRunningLifecycle,
} from '#placements/repository/lifecycle-task-repository';
import { placementsOfYouthPartition } from '#placements/repository/placement-entity';
import { loadPlacement } from '#placements/repository/placement-repository';
import { type FaultyStack, startFaultyStack } from '../support/faulty-stack.ts';
import { eventually } from '../support/lifecycle-harness.ts';
import {
  aHost,
  createPlacementInput,
  givenHosts,
  givenYoungPeople,
} from '../support/placements-factories.ts';
import { UnreliableEngine } from '../support/unreliable-engine.ts';

/**
 * The placement lifecycle under the faults that leave a lifecycle recorded RUNNING without a
 * running execution, on the whole local stack behind the fault proxy: Step Functions refusing
 * the start after the placement committed; the process stopped between the commit and the
 * start; a task failing past its retries because DynamoDB stayed throttled. Under each, ONE
 * reconciler pass leaves every lifecycle recorded RUNNING with a live execution, the one its
 * record names, waiting at the step its record holds — and nothing ran twice: one execution per
 * placement, restarted once, one task per step.
 */

/**
 * A day of lifecycle time in half a second: every execution soon calls its task again (a task
 * opens, a reminder, an escalation), and none comes near its 200 days while the file runs.
 */
const TIME_SCALE = 172_800;

/** The definition's Retry waits (35 s in all) divided, so that a failing task fails in seconds. */
const RETRY_DIVISOR = 20;

describe('lifecycles under faults, after one reconciler pass', () => {
  let faulty: FaultyStack;
  /** The engine the subgraphs reach in the process that runs now. */
  let unreliable: UnreliableEngine;
  let token = '';
  let youngPeople = 0;

  const engine = (): LocalLifecycleEngine => faulty.stack.lifecycle.engine;
  const stored = async (placementId: string) =>
    (await loadPlacement(createItemLoader(faulty.stored), placementId)) as Placement;

  /** The executions of a placement the engine knows, by name, with how they stand. */
  const executionsOf = (placementId: string) =>
    engine()
      .executions()
      .filter((execution) => lifecycleExecutionRun(placementId, execution.name) !== undefined)
      .map((execution) => [execution.name, execution.status]);

  /** A young person of Roskilde with a host of their own, placed by the consultant. */
  async function aYoungPersonWithAHost(): Promise<string> {
    youngPeople += 1;
    const youthId = `y-faults-${youngPeople}`;
    await givenYoungPeople(faulty.stored, '265', [youthId]);
    await givenHosts(faulty.stored, aHost(`c-${youthId}`, '265', { places: 2 }));
    return youthId;
  }

  /** createPlacement through the gateway, starting today: its lifecycle starts at once. */
  async function createPlacement(youthId: string) {
    const input = createPlacementInput(youthId, `c-${youthId}`, {
      startDate: danishToday(new Date()),
      idempotencyKey: `place-${youthId}`,
    });
    const { body } = await faulty.query<{
      createPlacement: { placement: { id: string } | null; errors: Array<{ code: string }> };
    }>(
      `mutation ($input: CreatePlacementInput!) {
        createPlacement(input: $input) { placement { id } errors { code } }
      }`,
      { token, variables: { input } },
    );
    const placement = body.data?.createPlacement.placement;
    if (!placement) throw new Error(`createPlacement refused: ${JSON.stringify(body)}`);
    return placement.id;
  }

  /**
   * Whether an execution runs and stands at a step: waiting for a person on it (its task open),
   * or waiting for it to fall due.
   */
  function standsAt(name: string, step: LifecycleStep): boolean {
    if (engine().isWaitingOn(name, step)) return true;
    const execution = engine().inspect(name);
    return (
      execution?.status === 'RUNNING' &&
      execution.history.at(-1) === `${STEP_STATE_PREFIX[step]}_WaitUntilDue`
    );
  }

  /** The invariant: every lifecycle recorded RUNNING has its one live execution at its step. */
  async function expectEveryRunningLifecycleLive(): Promise<void> {
    const running: Placement[] = [];
    for await (const placement of placementsWithRunningLifecycle(faulty.stored)) {
      running.push(placement);
    }
    expect(running.length).toBeGreaterThan(0);
    for (const { id } of running) {
      await eventually(async () => {
        const lifecycle = (await stored(id)).lifecycle;
        const runningExecutions = engine()
          .runningExecutions()
          .filter((name) => lifecycleExecutionRun(id, name) !== undefined);
        return (
          lifecycle &&
          standsAt(lifecycle.executionId, lifecycle.step) &&
          runningExecutions.length === 1 &&
          runningExecutions[0] === lifecycle.executionId
        );
      }, `${id}: one running execution, the one its record names, at the step it holds`);
      // Nobody completed a task: the lifecycle is where it began, with at most its first task.
      const steps = (await listTasksOfPlacement(faulty.stored, id)).map((task) => task.step);
      expect(steps).toEqual(['CHECK_IN'].slice(0, steps.length));
    }
  }

  beforeAll(async () => {
    faulty = await startFaultyStack({
      rules: [{ kind: 'throttled', rate: 1 }],
      lifecycleTimeScale: TIME_SCALE,
      lifecycleRetryIntervalDivisor: RETRY_DIVISOR,
      port: await freePort(),
      wrapLifecycleEngine: (real) => {
        unreliable = new UnreliableEngine(real);
        return unreliable;
      },
    });
    token = await faulty.token('NETWORK_CONSULTANT', {
      municipalityCode: '265',
      staffId: 'staff-265-faults',
    });
  });

  afterAll(async () => {
    await faulty?.stop();
  });

  it('restarts a lifecycle whose start Step Functions refused after createPlacement committed', async () => {
    // Prepare
    const youthId = await aYoungPersonWithAHost();
    unreliable.failNextStarts(1);
    const placementId = await createPlacement(youthId);
    const beforePass = executionsOf(placementId);
    // Act
    const report = await faulty.stack.lifecycle.reconcile();
    // Assess
    expect(beforePass).toEqual([]);
    expect(report.restarted).toEqual([
      expect.objectContaining({ placementId, found: 'MISSING', started: true }),
    ]);
    await expectEveryRunningLifecycleLive();
    expect((await stored(placementId)).lifecycle).toMatchObject({
      executionId: lifecycleExecutionName(placementId, 1),
      restarts: 1,
    });
    expect(executionsOf(placementId)).toEqual([
      [lifecycleExecutionName(placementId, 1), 'RUNNING'],
    ]);
    // …and the team sees it: the execution that runs the lifecycle now, restarted once.
    const { body } = await faulty.query<{
      placement: { lifecycle: { executionId: string; restarts: number } };
    }>('query ($id: ID!) { placement(id: $id) { lifecycle { executionId restarts } } }', {
      token,
      variables: { id: placementId },
    });
    expect(body.data?.placement.lifecycle).toEqual({
      executionId: lifecycleExecutionName(placementId, 1),
      restarts: 1,
    });
  });

  it('restarts a lifecycle whose task failed past its retries while DynamoDB stayed throttled', async () => {
    // Prepare: a lifecycle under way, its execution waiting
    const youthId = await aYoungPersonWithAHost();
    const placementId = await createPlacement(youthId);
    const first = lifecycleExecutionName(placementId);
    await eventually(() => standsAt(first, 'CHECK_IN'), 'the execution at its check-in');
    // …then DynamoDB throttles every call until the execution's next task has failed for good
    faulty.proxy.enable();
    await eventually(
      () => engine().inspect(first)?.status === 'FAILED',
      'the execution to fail',
      60_000,
    );
    faulty.proxy.disable();
    // Act
    const report = await faulty.stack.lifecycle.reconcile();
    // Assess
    expect(report.restarted).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ placementId, from: first, found: 'FAILED', started: true }),
      ]),
    );
    expect(report.failed).toEqual([]);
    await expectEveryRunningLifecycleLive();
    expect((await stored(placementId)).lifecycle).toMatchObject({
      executionId: lifecycleExecutionName(placementId, 1),
      restarts: 1,
    });
    expect(executionsOf(placementId)).toEqual([
      [first, 'FAILED'],
      [lifecycleExecutionName(placementId, 1), 'RUNNING'],
    ]);
  }, 90_000);

  it('restarts a lifecycle whose process stopped between the commit and StartExecution; the client’s retry with its key finds the placement made once', async () => {
    // Prepare: the start after the commit never happens, the client never hears back
    const youthId = await aYoungPersonWithAHost();
    const held = unreliable.holdStarts();
    const unanswered = createPlacement(youthId).then(
      () => 'answered',
      () => 'no answer',
    );
    await held;
    // Act: the process stops there and is started again on the same data; one pass
    await faulty.restart();
    const unattended = faulty.stack.lifecycle.unattended;
    const report = await faulty.stack.lifecycle.reconcile();
    const retried = await createPlacement(youthId);
    // Assess
    expect(await unanswered).toBe('no answer');
    expect(unattended).toEqual([retried]);
    expect(report.restarted).toEqual([
      expect.objectContaining({ placementId: retried, found: 'MISSING', started: true }),
    ]);
    await expectEveryRunningLifecycleLive();
    expect(
      await faulty.stored.queryAll({
        index: 'gsi1',
        partition: placementsOfYouthPartition(youthId),
      }),
    ).toHaveLength(1);
    expect(executionsOf(retried)).toEqual([[lifecycleExecutionName(retried, 1), 'RUNNING']]);
  }, 120_000);
});
