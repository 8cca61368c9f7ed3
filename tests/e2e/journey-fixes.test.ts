import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld, type DemoCompany } from '#infra/local/seed/demo-world';
import { addDays } from '#kernel/calendar';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

const world = buildDemoWorld();
const ROSKILDE = '265';

/** Roskilde's demo placements under way, in a stable order. */
const running = world.placements
  .filter((p) => p.municipalityCode === ROSKILDE && p.status === 'ACTIVE')
  .sort((a, b) => (a.id < b.id ? -1 : 1));

/** A Roskilde company that is active and has an opportunity no demo placement uses. */
function hostWithFreeOpportunity(): { company: DemoCompany; opportunityId: string } {
  const used = new Set(world.placements.map((p) => p.opportunityId));
  for (const company of world.companies) {
    if (company.municipalityCode !== ROSKILDE || company.status !== 'ACTIVE') continue;
    const free = company.opportunities.find((o) => o.open && !used.has(o.id));
    if (free) return { company, opportunityId: free.id };
  }
  throw new Error('The demo world has no free opportunity in Roskilde');
}

/** A Roskilde young person enrolled with no placement at all. */
function youthWithoutPlacement() {
  const placed = new Set(world.placements.map((p) => p.youthId));
  const youth = world.youth.find(
    (y) => y.municipalityCode === ROSKILDE && y.status === 'ENROLLED' && !placed.has(y.id),
  );
  if (!youth) throw new Error('The demo world has no unplaced young person in Roskilde');
  return youth;
}

interface Changed {
  placement: {
    status: string;
    checkpoints: Array<{ id: string; dueDate: string }>;
  } | null;
  errors: Array<{ code: string }>;
}

describe('the journey fixes of #20 through the gateway', () => {
  let test: TestStack;
  let token: string;

  beforeAll(async () => {
    test = await startTestStack();
    token = await test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  async function versionOf(placementId: string): Promise<number> {
    const { body } = await test.query<{ placement: { version: number } }>(
      'query ($id: ID!) { placement(id: $id) { version } }',
      { token, variables: { id: placementId } },
    );
    return body.data?.placement.version ?? 0;
  }

  it('completes a placement left early for a job without a reflection, refuses DROPPED_OUT at completePlacement, and shows checkpoints on the lifecycle schedule', async () => {
    // Prepare
    const [left, dropped] = running;
    if (!left || !dropped) throw new Error('The demo world has too few placements under way');
    const job = {
      kind: 'JOB',
      date: left.startDate,
      details: { what: 'Lagermedarbejder', where: 'Lager A/S', startDate: left.startDate },
    };
    // Act
    const interrupted = await test.query<{ interruptPlacement: Changed }>(
      `mutation ($input: InterruptPlacementInput!) { interruptPlacement(input: $input) {
        placement { status checkpoints { id dueDate } } errors { code } } }`,
      {
        token,
        variables: {
          input: { placementId: left.id, outcome: job, expectedVersion: await versionOf(left.id) },
        },
      },
    );
    const completed = await test.query<{ completePlacement: Changed }>(
      `mutation ($input: CompletePlacementInput!) { completePlacement(input: $input) {
        placement { status } errors { code } } }`,
      {
        token,
        variables: {
          input: {
            placementId: dropped.id,
            outcome: { kind: 'DROPPED_OUT', date: dropped.startDate },
            expectedVersion: await versionOf(dropped.id),
          },
        },
      },
    );
    // Assess
    expect(interrupted.body.errors).toBeUndefined();
    expect(interrupted.body.data?.interruptPlacement.errors).toEqual([]);
    expect(interrupted.body.data?.interruptPlacement.placement?.status).toBe('COMPLETED');
    // The placement now ends the day the young person left: every talk falls on or before it.
    expect(interrupted.body.data?.interruptPlacement.placement?.checkpoints).toEqual([
      { id: 'cp-1', dueDate: left.startDate },
      { id: 'cp-2', dueDate: left.startDate },
      { id: 'cp-3', dueDate: left.startDate },
    ]);
    expect(completed.body.data?.completePlacement).toEqual({
      placement: null,
      errors: [{ code: 'DROPPED_OUT_IS_AN_INTERRUPTION' }],
    });
    const [, , other] = running;
    if (!other) throw new Error('The demo world has too few placements under way');
    const { body } = await test.query<{ placement: Changed['placement'] }>(
      'query ($id: ID!) { placement(id: $id) { status checkpoints { id dueDate } } }',
      { token, variables: { id: other.id } },
    );
    // Three months under way: the check-in is due two weeks after the start.
    expect(body.data?.placement?.checkpoints[0]).toEqual({
      id: 'cp-1',
      dueDate: addDays(other.startDate, 14),
    });
  });

  it('refuses a new placement longer than 13 weeks, naming the limit', async () => {
    // Prepare
    const { company, opportunityId } = hostWithFreeOpportunity();
    const youth = youthWithoutPlacement();
    const startDate = '2026-08-03';
    // Act
    const { body } = await test.query<{ createPlacement: Changed }>(
      `mutation ($input: CreatePlacementInput!) { createPlacement(input: $input) {
        placement { status } errors { code } } }`,
      {
        token,
        variables: {
          input: {
            youthId: youth.id,
            opportunityId,
            mentorContactId: company.contacts[0]?.id,
            startDate,
            endDate: addDays(startDate, 7 * 14),
            weeklyHours: 25,
            plan: { goals: ['Lære faget'], tasks: ['Lager'], support: ['Mentor'] },
          },
        },
      },
    );
    // Assess
    expect(body.data?.createPlacement).toEqual({
      placement: null,
      errors: [{ code: 'PLACEMENT_LENGTH_LIMIT_EXCEEDED' }],
    });
  });
});
