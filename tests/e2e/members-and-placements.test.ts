import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld, type DemoCompany } from '#infra/local/seed/demo-world';
import { newId } from '#kernel/keys';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

const world = buildDemoWorld();
const ROSKILDE = '265';

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

describe('members and placements through the gateway (issues 3 and 4)', () => {
  let test: TestStack;

  beforeAll(async () => {
    test = await startTestStack();
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it("lets a Roskilde consultant list Roskilde's young people with their placements' companies", async () => {
    // Prepare
    const token = await test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
    // Act
    const { body } = await test.query<{
      municipality: {
        youth: {
          edges: Array<{
            node: {
              id: string;
              placements: { edges: Array<{ node: { company: { name: string } } }> };
            };
          }>;
        };
      };
    }>(
      `{ municipality(code: "265") { youth(first: 100) { edges { node { id
          placements { edges { node { status company { name } } } } } } } } }`,
      { token },
    );
    // Assess
    expect(body.errors).toBeUndefined();
    const nodes = body.data?.municipality.youth.edges.map((e) => e.node) ?? [];
    expect(nodes).toHaveLength(60);
    expect(nodes.every((n) => n.id.startsWith('y-265-'))).toBe(true);
    const companies = nodes.flatMap((n) => n.placements.edges.map((e) => e.node.company.name));
    expect(companies.length).toBeGreaterThan(10);
    expect(companies.every((name) => name.startsWith('Roskilde '))).toBe(true);
  });

  it('refuses a Roskilde consultant a København young person', async () => {
    // Prepare
    const token = await test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
    const query = 'query ($id: ID!) { youth(id: $id) { id name barriers } }';
    const nobody = newId();
    // Act
    const { body } = await test.query(query, { token, variables: { id: 'y-101-001' } });
    const unknown = await test.query(query, { token, variables: { id: nobody } });
    // Assess: a consultant of another municipality is a stranger to the young person and hears
    // what an id of nothing gets, null without an error (#18, class 7)
    expect(body.data).toEqual({ youth: null });
    expect(body.errors).toBeUndefined();
    expect(JSON.stringify(body).replaceAll('y-101-001', 'ID')).toBe(
      JSON.stringify(unknown.body).replaceAll(nobody, 'ID'),
    );
  });

  it("shows a young person only the open opportunities of their own municipality's companies", async () => {
    // Prepare
    const token = await test.token('YOUTH', { municipalityCode: ROSKILDE });
    // Act
    const own = await test.query<{
      municipality: {
        openOpportunities: { edges: Array<{ node: { open: boolean; company: { id: string } } }> };
      };
    }>(
      '{ municipality(code: "265") { openOpportunities(first: 100) { edges { node { open company { id } } } } } }',
      {
        token,
      },
    );
    const other = await test.query(
      '{ municipality(code: "630") { openOpportunities(first: 5) { edges { node { id } } } } }',
      {
        token,
      },
    );
    // Assess
    const nodes = own.body.data?.municipality.openOpportunities.edges.map((e) => e.node) ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.open && n.company.id.startsWith('c-265-'))).toBe(true);
    expect(other.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('walks a wish to a placement: the company sees name and work wishes only, and EDUCATION moves the young person', async () => {
    // Prepare
    const { company, opportunityId } = hostWithFreeOpportunity();
    const youth = youthWithoutPlacement();
    const youthToken = await test.token('YOUTH', { youthId: youth.id, municipalityCode: ROSKILDE });
    const staffToken = await test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
    const contactToken = await test.token('COMPANY_CONTACT', { companyId: company.id });
    // Act: the young person chooses the company
    const wished = await test.query<{
      createWish: { wish: { id: string } | null; errors: unknown[] };
    }>(
      `mutation ($input: CreateWishInput!) { createWish(input: $input) { wish { id } errors { code message } } }`,
      {
        token: youthToken,
        variables: {
          input: {
            companyId: company.id,
            opportunityId,
            rank: 1,
            motivation: 'Jeg vil gerne prøve faget',
          },
        },
      },
    );
    const wishId = wished.body.data?.createWish.wish?.id;
    // Act: the team turns the wish into a placement
    const created = await test.query<{
      createPlacement: { placement: { id: string; version: number } | null; errors: unknown[] };
    }>(
      `mutation ($input: CreatePlacementInput!) { createPlacement(input: $input) { placement { id status version } errors { code message } } }`,
      {
        token: staffToken,
        variables: {
          input: {
            youthId: youth.id,
            opportunityId,
            mentorContactId: company.contacts[0]?.id,
            // Three months ago: every step of its lifecycle is due, so it can be walked at once.
            startDate: '2026-08-03',
            weeklyHours: 20,
            plan: { goals: ['At møde stabilt'], tasks: ['Lager og vareopfyldning'] },
            wishId,
          },
        },
      },
    );
    const placementId = created.body.data?.createPlacement.placement?.id;
    const createdVersion = created.body.data?.createPlacement.placement?.version;
    // Act: the company's contact looks at the placement and the young person
    const seen = await test.query<{
      placement: { youth: { name: string; workWishes: string[]; barriers: string[] | null } };
    }>(`{ placement(id: "${placementId}") { status youth { name workWishes barriers } } }`, {
      token: contactToken,
    });
    // Act: the placement's lifecycle is walked to its decision, which is education
    await test.query(
      `mutation ($input: StartPlacementInput!) { startPlacement(input: $input) { errors { code } } }`,
      { token: staffToken, variables: { input: { placementId, expectedVersion: createdVersion } } },
    );
    for (const step of ['CHECK_IN', 'MIDWAY_EVALUATION', 'BEFORE_END_TALK']) {
      const expectedVersion = await taskOpened(test, staffToken, placementId, step);
      await test.query(
        `mutation ($input: CompletePlacementCheckpointInput!) {
          completePlacementCheckpoint(input: $input) { errors { code } } }`,
        {
          token: staffToken,
          variables: {
            input: { placementId, step, completedOn: '2026-11-25', notes: 'Godt', expectedVersion },
          },
        },
      );
    }
    await taskOpened(test, staffToken, placementId, 'OUTCOME_DECISION');
    const atDecision = await test.query<{ placement: { version: number } }>(
      `{ placement(id: "${placementId}") { version } }`,
      { token: staffToken },
    );
    const completed = await test.query<{ recordPlacementOutcome: { errors: unknown[] } }>(
      `mutation ($input: RecordPlacementOutcomeInput!) { recordPlacementOutcome(input: $input) { placement { status } errors { code message } } }`,
      {
        token: staffToken,
        variables: {
          input: {
            placementId,
            expectedVersion: atDecision.body.data?.placement.version,
            outcome: {
              kind: 'EDUCATION',
              date: '2026-11-25',
              details: { what: 'Grundforløb', where: 'Erhvervsskolen', startDate: '2027-01-04' },
            },
          },
        },
      },
    );
    const after = await test.query<{ youth: { status: string } }>(
      `{ youth(id: "${youth.id}") { status } }`,
      {
        token: staffToken,
      },
    );
    // Assess
    expect(wished.body.data?.createWish.errors).toEqual([]);
    expect(created.body.data?.createPlacement.errors).toEqual([]);
    expect(seen.body.data?.placement.youth.name).toBe(`${youth.firstName} ${youth.lastName}`);
    expect(seen.body.data?.placement.youth.workWishes).toEqual(youth.workWishes);
    expect(seen.body.data?.placement.youth.barriers ?? null).toBeNull();
    expect(seen.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(completed.body.data?.recordPlacementOutcome.errors).toEqual([]);
    expect(after.body.data?.youth.status).toBe('IN_EDUCATION');
  });
});

/** Waits until the placement's lifecycle has opened the task of a step (it runs on its own). */
async function taskOpened(
  test: TestStack,
  token: string,
  placementId: string | undefined,
  step: string,
): Promise<number> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const tasks = await test.query<{
      placement: {
        lifecycleTasks: Array<{ step: string; status: string; version: number }>;
      } | null;
    }>(`{ placement(id: "${placementId}") { lifecycleTasks { step status version } } }`, {
      token,
    });
    const open = tasks.body.data?.placement?.lifecycleTasks.find(
      (task) => task.step === step && task.status === 'OPEN',
    );
    if (open) return open.version;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The lifecycle of ${placementId} opened no ${step} task in 20 s`);
}
