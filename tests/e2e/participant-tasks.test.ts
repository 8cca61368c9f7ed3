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
 * The participants' voice through the gateway on the local stack, with a sped-up lifecycle: the
 * lifecycle's midway evaluation opens a self-assessment and feedback for the young person and
 * feedback for the company; the young person sees them on `myTasks` and gives feedback, which
 * closes their task; the team sees it on the placement; another young person hears what an
 * unknown placement gets.
 */

/** A day of lifecycle time in 0.1 s of real time. */
const TIME_SCALE = 864_000;

interface Body<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

interface Task {
  id: string;
  kind: string;
  occasion: string;
  assignee: string;
  done: boolean;
  placement: { id: string } | null;
}

describe("the participants' tasks and feedback through the gateway", () => {
  let stack: LocalStack;
  const tokens = { staff: '', youth: '', other: '', company: '' };

  async function gql<T>(token: string, query: string, variables?: Record<string, unknown>) {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
    });
    return (await response.json()) as Body<T>;
  }

  async function data<T>(token: string, query: string, variables?: Record<string, unknown>) {
    const body = await gql<T>(token, query, variables);
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }

  /** The consultant's open task of a step of the placement, once the lifecycle opened it. */
  function openTaskOf(placementId: string, step: string) {
    return eventually(
      async () => {
        const page = await data<{
          myLifecycleTasks: {
            edges: Array<{ node: { step: string; version: number; placement: { id: string } } }>;
          };
        }>(
          tokens.staff,
          '{ myLifecycleTasks(first: 100) { edges { node { step version placement { id } } } } }',
        );
        return page.myLifecycleTasks.edges.find(
          (edge) => edge.node.placement.id === placementId && edge.node.step === step,
        )?.node;
      },
      `${step} of ${placementId}`,
      30_000,
    );
  }

  const myTasks = async (token: string) =>
    (
      await data<{ myTasks: Task[] }>(
        token,
        '{ myTasks { id kind occasion assignee done placement { id } } }',
      )
    ).myTasks;

  beforeAll(async () => {
    process.env.RATE_LIMIT_PER_MINUTE ??= '100000';
    stack = await startLocalStack({
      dataDir: await mkdtemp(join(tmpdir(), 'nextwork-voice-')),
      port: await freePort(),
      dynamoEndpoint: await dynamoEndpointOfThisFile(),
      tableName: `e2e-voice-${randomUUID()}`,
      stage: 'dev',
      seed: false,
      lifecycleTimeScale: TIME_SCALE,
    });
    await givenYoungPeople(stack.table, '265', ['y-voice', 'y-other']);
    await givenHosts(stack.table, aHost('c-y-voice', '265', { places: 2 }));
    tokens.staff = await mintDevToken(stack.keys, {
      role: 'NETWORK_CONSULTANT',
      municipalityCode: '265',
      staffId: 'staff-265-voice',
    });
    tokens.youth = await mintDevToken(stack.keys, {
      role: 'YOUTH',
      municipalityCode: '265',
      youthId: 'y-voice',
    });
    tokens.other = await mintDevToken(stack.keys, {
      role: 'YOUTH',
      municipalityCode: '265',
      youthId: 'y-other',
    });
    tokens.company = await mintDevToken(stack.keys, {
      role: 'COMPANY_CONTACT',
      companyId: 'c-y-voice',
      contactId: 'c-y-voice-contact',
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("asks the young person and the company at the midway evaluation, takes the young person's feedback and shows it to the team", async () => {
    // Prepare: a placement through the gateway, its check-in held
    const created = await data<{ createPlacement: { placement: { id: string } } }>(
      tokens.staff,
      `mutation ($input: CreatePlacementInput!) {
        createPlacement(input: $input) { placement { id } errors { code } }
      }`,
      {
        input: {
          youthId: 'y-voice',
          opportunityId: 'c-y-voice-opp',
          mentorContactId: 'c-y-voice-contact',
          startDate: danishToday(new Date()),
          weeklyHours: 20,
          plan: { goals: ['Lære lagerarbejde'], tasks: ['Varemodtagelse'] },
        },
      },
    );
    const placementId = created.createPlacement.placement.id;
    const checkIn = await openTaskOf(placementId, 'CHECK_IN');
    await data(
      tokens.staff,
      `mutation ($input: CompletePlacementCheckpointInput!) {
        completePlacementCheckpoint(input: $input) { errors { code } }
      }`,
      {
        input: {
          placementId,
          step: 'CHECK_IN',
          completedOn: danishToday(new Date()),
          expectedVersion: checkIn.version,
        },
      },
    );
    await openTaskOf(placementId, 'MIDWAY_EVALUATION');

    // Act
    const asked = await myTasks(tokens.youth);
    const companyAsked = await myTasks(tokens.company);
    const given = await data<{
      givePlacementFeedback: {
        feedback: { occasion: string; rating: number } | null;
        errors: unknown[];
      };
    }>(
      tokens.youth,
      `mutation ($input: GivePlacementFeedbackInput!) {
        givePlacementFeedback(input: $input) { feedback { occasion rating } errors { code } }
      }`,
      {
        input: {
          placementId,
          rating: 5,
          whatWorked: 'Faste opgaver',
          idempotencyKey: randomUUID(),
        },
      },
    );
    const after = await myTasks(tokens.youth);
    const team = await data<{
      placement: {
        feedback: Array<{ side: string; rating: number; whatWorked: string }>;
        participantTasks: Array<{
          kind: string;
          assignee: string;
          occasion: string;
          done: boolean;
        }>;
      };
    }>(
      tokens.staff,
      `query ($id: ID!) { placement(id: $id) {
        feedback { side rating whatWorked }
        participantTasks { kind assignee occasion done }
      } }`,
      { id: placementId },
    );
    const stranger = await gql(
      tokens.other,
      'query ($id: ID!) { placement(id: $id) { feedback { rating } } }',
      { id: placementId },
    );
    const unknown = await gql(
      tokens.other,
      'query ($id: ID!) { placement(id: $id) { feedback { rating } } }',
      { id: 'p-none' },
    );

    // Assess
    expect(asked.map((t) => `${t.kind}/${t.occasion}`).sort()).toEqual([
      'PLACEMENT_FEEDBACK/MIDWAY',
      'SELF_ASSESSMENT/CHECKPOINT',
      'SELF_ASSESSMENT/CHECKPOINT',
      // Not yet answered at enrolment: asked too, of no placement.
      'SELF_ASSESSMENT/ENROLMENT',
    ]);
    expect(
      asked.every(
        (t) =>
          t.assignee === 'YOUTH' &&
          (t.occasion === 'ENROLMENT' ? t.placement === null : t.placement?.id === placementId),
      ),
    ).toBe(true);
    expect(companyAsked.map((t) => `${t.kind}/${t.occasion}/${t.assignee}`)).toEqual([
      'PLACEMENT_FEEDBACK/MIDWAY/COMPANY',
    ]);
    expect(given.givePlacementFeedback).toEqual({
      feedback: { occasion: 'MIDWAY', rating: 5 },
      errors: [],
    });
    expect(after.map((t) => t.kind)).toEqual([
      'SELF_ASSESSMENT',
      'SELF_ASSESSMENT',
      'SELF_ASSESSMENT',
    ]);
    expect(team.placement.feedback).toEqual([
      { side: 'YOUTH', rating: 5, whatWorked: 'Faste opgaver' },
    ]);
    expect(team.placement.participantTasks).toEqual(
      expect.arrayContaining([
        { kind: 'PLACEMENT_FEEDBACK', assignee: 'YOUTH', occasion: 'MIDWAY', done: true },
        { kind: 'PLACEMENT_FEEDBACK', assignee: 'COMPANY', occasion: 'MIDWAY', done: false },
      ]),
    );
    expect(stranger).toEqual(unknown);
  });
});
