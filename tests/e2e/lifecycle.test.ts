import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '#infra/local/dev-issuer';
import { freePort } from '#infra/local/dynamodb-local';
import { type LocalStack, startLocalStack } from '#infra/local/local-stack';
import { danishToday } from '#kernel/today';
import { dynamoEndpointOfThisFile } from '../support/file-dynamodb.ts';
import { eventually } from '../support/lifecycle-harness.ts';
import { aHost, givenHosts, givenYoungPeople } from '../support/placements-factories.ts';

/**
 * The placement lifecycle through the gateway on the local stack, with a lifecycle clock sped up
 * so that a day passes in a tenth of a second: a placement walks its check-ins and decision as
 * the mutations complete them, a job is followed up, and a stop and start of the stack in the
 * middle of a lifecycle goes on where it stood. The stack keeps its table on the run's DynamoDB
 * Local across the restart, as `npm start` keeps it on disk.
 */

/** A day of lifecycle time in 0.1 s of real time. */
const TIME_SCALE = 864_000;

interface Body<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

describe('the placement lifecycle through the gateway, with a sped-up clock', () => {
  const dataDir = { path: '' };
  const tableName = `e2e-lifecycle-${randomUUID()}`;
  let port = 0;
  let stack: LocalStack;
  let token = '';

  async function start(): Promise<LocalStack> {
    // The test polls the consultant's tasks as fast as it can: far above a person's rate limit.
    process.env.RATE_LIMIT_PER_MINUTE ??= '100000';
    return startLocalStack({
      dataDir: dataDir.path,
      port,
      dynamoEndpoint: await dynamoEndpointOfThisFile(),
      tableName,
      stage: 'dev',
      seed: false,
      lifecycleTimeScale: TIME_SCALE,
    });
  }

  async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
    });
    const body = (await response.json()) as Body<T>;
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }

  async function createPlacement(youthId: string): Promise<string> {
    const data = await gql<{
      createPlacement: { placement: { id: string; lifecycle: { step: string } } | null };
    }>(
      `mutation ($input: CreatePlacementInput!) {
        createPlacement(input: $input) { placement { id lifecycle { step status } } errors { code } }
      }`,
      {
        input: {
          youthId,
          opportunityId: `c-${youthId}-opp`,
          mentorContactId: `c-${youthId}-contact`,
          startDate: danishToday(new Date()),
          weeklyHours: 20,
          plan: { goals: ['Lære lagerarbejde'], tasks: ['Varemodtagelse'] },
        },
      },
    );
    const placement = data.createPlacement.placement;
    if (!placement) throw new Error('createPlacement refused');
    return placement.id;
  }

  /** The placement's open task of a step on the consultant's list, once it is there. */
  async function openTaskOf(
    placementId: string,
    step: string,
  ): Promise<{ id: string; version: number }> {
    return eventually(
      async () => {
        const data = await gql<{
          myLifecycleTasks: {
            edges: Array<{
              node: { id: string; step: string; version: number; placement: { id: string } };
            }>;
          };
        }>(
          '{ myLifecycleTasks(first: 100) { edges { node { id step version placement { id } } } } }',
        );
        return data.myLifecycleTasks.edges.find(
          (edge) => edge.node.placement.id === placementId && edge.node.step === step,
        )?.node;
      },
      `${step} of ${placementId} on the consultant's list`,
      30_000,
    );
  }

  /** Waits until the consultant's list shows the placement's open task of a step. */
  async function openTask(placementId: string, step: string): Promise<string> {
    return (await openTaskOf(placementId, step)).id;
  }

  /**
   * Sends a change made on the version just read, as a client does: on `CONFLICT` (the sped-up
   * lifecycle reminded or re-armed the task in between) it reads again and sends it again.
   */
  async function onFreshVersion<T>(change: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await change();
      } catch (error) {
        if (attempt >= 5 || !String(error).includes('"code":"CONFLICT"')) throw error;
      }
    }
  }

  /** The version of the placement as the consultant reads it now. */
  async function placementVersion(placementId: string): Promise<number> {
    const data = await gql<{ placement: { version: number } }>(
      'query ($id: ID!) { placement(id: $id) { version } }',
      { id: placementId },
    );
    return data.placement.version;
  }

  async function completeCheckpoint(placementId: string, step: string) {
    const data = await onFreshVersion(async () =>
      gql<{ completePlacementCheckpoint: { errors: Array<{ code: string }> } }>(
        `mutation ($input: CompletePlacementCheckpointInput!) {
        completePlacementCheckpoint(input: $input) { placement { id } errors { code } }
      }`,
        {
          input: {
            placementId,
            step,
            completedOn: danishToday(new Date()),
            notes: 'Går godt',
            expectedVersion: (await openTaskOf(placementId, step)).version,
          },
        },
      ),
    );
    expect(data.completePlacementCheckpoint.errors).toEqual([]);
  }

  async function recordFollowUp(placementId: string, step: string, stillThere: boolean) {
    const data = await onFreshVersion(async () =>
      gql<{ recordFollowUp: { errors: Array<{ code: string }> } }>(
        `mutation ($input: RecordFollowUpInput!) {
        recordFollowUp(input: $input) { placement { id } errors { code } }
      }`,
        {
          input: {
            placementId,
            step,
            stillThere,
            recordedOn: danishToday(new Date()),
            expectedVersion: (await openTaskOf(placementId, step)).version,
          },
        },
      ),
    );
    expect(data.recordFollowUp.errors).toEqual([]);
  }

  beforeAll(async () => {
    dataDir.path = await mkdtemp(join(tmpdir(), 'nextwork-lifecycle-'));
    port = await freePort();
    stack = await start();
    await givenYoungPeople(stack.table, '265', ['y-walk', 'y-restart']);
    await givenHosts(
      stack.table,
      ...['y-walk', 'y-restart'].map((youthId) => aHost(`c-${youthId}`, '265', { places: 2 })),
    );
    token = await mintDevToken(stack.keys, {
      role: 'NETWORK_CONSULTANT',
      municipalityCode: '265',
      staffId: 'staff-265-e2e',
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('walks a placement started through the gateway to a job, its follow-ups and retention; the execution history matches the record', async () => {
    // Prepare
    const placementId = await createPlacement('y-walk');
    // Act: the consultant does what the lifecycle asks, as it asks
    for (const step of ['CHECK_IN', 'MIDWAY_EVALUATION', 'BEFORE_END_TALK']) {
      await openTask(placementId, step);
      await completeCheckpoint(placementId, step);
    }
    await openTask(placementId, 'OUTCOME_DECISION');
    const today = danishToday(new Date());
    const decided = await gql<{ recordPlacementOutcome: { errors: Array<{ code: string }> } }>(
      `mutation ($input: RecordPlacementOutcomeInput!) {
        recordPlacementOutcome(input: $input) { placement { id status } errors { code } }
      }`,
      {
        input: {
          placementId,
          expectedVersion: await placementVersion(placementId),
          outcome: {
            kind: 'JOB',
            date: today,
            details: { what: 'Lagermedarbejder', where: 'Lager A/S', startDate: today },
          },
        },
      },
    );
    await openTask(placementId, 'FOLLOW_UP_3_MONTHS');
    await recordFollowUp(placementId, 'FOLLOW_UP_3_MONTHS', true);
    await openTask(placementId, 'FOLLOW_UP_6_MONTHS');
    await recordFollowUp(placementId, 'FOLLOW_UP_6_MONTHS', true);
    const name = `placement-${placementId}`;
    await eventually(
      () => stack.lifecycle.engine.inspect(name)?.status === 'SUCCEEDED',
      'the execution to end',
      30_000,
    );
    // Assess
    expect(decided.recordPlacementOutcome.errors).toEqual([]);
    const { placement } = await gql<{
      placement: {
        status: string;
        outcome: { kind: string };
        lifecycle: { status: string; step: string; endReason: string; executionId: string };
        lifecycleTasks: Array<{ step: string; status: string }>;
        followUps: Array<{ step: string; outcomeKind: string; stillThere: boolean }>;
      };
    }>(
      `query ($id: ID!) { placement(id: $id) {
        status outcome { kind }
        lifecycle { status step endReason executionId }
        lifecycleTasks { step status }
        followUps { step outcomeKind stillThere }
      } }`,
      { id: placementId },
    );
    expect(placement).toMatchObject({
      status: 'COMPLETED',
      outcome: { kind: 'JOB' },
      lifecycle: {
        status: 'ENDED',
        step: 'FOLLOW_UP_6_MONTHS',
        endReason: 'FOLLOWED_UP',
        executionId: name,
      },
    });
    expect(placement.followUps).toEqual([
      { step: 'FOLLOW_UP_3_MONTHS', outcomeKind: 'JOB', stillThere: true },
      { step: 'FOLLOW_UP_6_MONTHS', outcomeKind: 'JOB', stillThere: true },
    ]);
    expect(placement.lifecycleTasks.every((task) => task.status === 'DONE')).toBe(true);
    // The states the execution waited in are the placement's tasks, in the same order.
    const history = stack.lifecycle.engine.inspect(name)?.history ?? [];
    const waitedOn = [...new Set(history.filter((s) => s.endsWith('_AwaitPerson')))];
    const stepOf: Record<string, string> = {
      CheckIn_AwaitPerson: 'CHECK_IN',
      MidwayEvaluation_AwaitPerson: 'MIDWAY_EVALUATION',
      BeforeEndTalk_AwaitPerson: 'BEFORE_END_TALK',
      OutcomeDecision_AwaitPerson: 'OUTCOME_DECISION',
      FollowUp3Months_AwaitPerson: 'FOLLOW_UP_3_MONTHS',
      FollowUp6Months_AwaitPerson: 'FOLLOW_UP_6_MONTHS',
    };
    expect(waitedOn.map((state) => stepOf[state])).toEqual(
      placement.lifecycleTasks.map((task) => task.step),
    );
    expect(history.at(-1)).toBe('Ended');
  }, 120_000);

  it('goes on where it stood when the stack is stopped in the middle of a lifecycle and started again', async () => {
    // Prepare: a placement waiting on its check-in
    const placementId = await createPlacement('y-restart');
    const checkIn = await openTask(placementId, 'CHECK_IN');
    // Act: stop everything, start again on the same data
    await stack.stop();
    stack = await start();
    const resumed = stack.lifecycle.resumed;
    const sameTask = await openTask(placementId, 'CHECK_IN');
    await completeCheckpoint(placementId, 'CHECK_IN');
    const midway = await openTask(placementId, 'MIDWAY_EVALUATION');
    // Assess
    expect(resumed).toBeGreaterThanOrEqual(1);
    expect(sameTask).toBe(checkIn);
    expect(midway).toBe(`${placementId}-MIDWAY_EVALUATION-1`);
    const { placement } = await gql<{
      placement: {
        lifecycle: { status: string; step: string };
        lifecycleTasks: Array<{ step: string }>;
      };
    }>(
      'query ($id: ID!) { placement(id: $id) { lifecycle { status step } lifecycleTasks { step } } }',
      {
        id: placementId,
      },
    );
    expect(placement.lifecycle).toEqual({ status: 'RUNNING', step: 'MIDWAY_EVALUATION' });
    // No step ran twice: one check-in task, one midway task.
    expect(placement.lifecycleTasks.map((task) => task.step)).toEqual([
      'CHECK_IN',
      'MIDWAY_EVALUATION',
    ]);
  }, 120_000);
});
