import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld, type DemoWorld } from '#infra/local/seed/demo-world';
import { seedCompanies } from '#infra/local/seed/seed-companies';
import { seedPeople } from '#infra/local/seed/seed-people';
import { seedPlacements } from '#infra/local/seed/seed-placements';
import { addMonths } from '#kernel/calendar';
import { createItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import { youthCompanyTieKey } from '#kernel/ties';
import { loadInvitation } from '#placements/repository/invitation-repository';
import { loadOccupancy, loadYouthGuard } from '#placements/repository/placement-repository';
import { loadWish } from '#placements/repository/wish-repository';
import { server } from '#placements/server';
import { everyItem } from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { companyContactIdentity, staffIdentity, youthIdentity } from '../support/identities.ts';
import { entitiesQuery, representation } from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

describe('seedPlacements', () => {
  let table: Table;
  let world: DemoWorld;

  beforeAll(async () => {
    table = await createTestTable();
    world = buildDemoWorld();
    // The young people and companies a placement names, by their owners' own seeders.
    await seedPeople(table, world);
    await seedCompanies(table, world);
    await seedPlacements(table, world);
  });

  it('seeds a placement left early for a job: completed, a success, with no learning reflection', async () => {
    // Act
    const placements = (await everyItem(table)).filter((item) => item.entity === 'Placement');
    const leftEarly = placements.filter(
      (item) =>
        item.status === 'COMPLETED' &&
        (item.outcome as { kind?: string } | null)?.kind === 'JOB' &&
        String(item.endDate) < addMonths(String(item.startDate), 3),
    );
    // Assess
    expect(leftEarly.length).toBeGreaterThan(0);
    expect(leftEarly.map((item) => item.learningReflection ?? null)).toEqual(
      leftEarly.map(() => null),
    );
  });

  it('seeds a wish a company answered with an invitation, and one it declined', async () => {
    // Prepare
    const wishes = (await everyItem(table)).filter((item) => item.entity === 'Wish');
    const invited = wishes.find((item) => item.status === 'INVITED');
    const declined = wishes.find((item) => item.status === 'DECLINED');
    const loader = createItemLoader(table);
    // Act
    const wish = await loadWish(loader, String(invited?.id));
    const invitation = await loadInvitation(loader, String(wish?.answer?.invitationId));
    // Assess
    expect(declined).toBeDefined();
    expect(wish?.answer).toMatchObject({ kind: 'INVITE' });
    expect(invitation).toMatchObject({
      wishId: wish?.id,
      youthId: wish?.youthId,
      companyId: wish?.companyId,
      status: 'PENDING',
    });
  });

  it('puts a meeting behind every seeded invitation: the tie of its young person and company', async () => {
    // Prepare
    const invitations = (await everyItem(table)).filter((item) => item.entity === 'Invitation');
    // Act
    const ties = await table.batchGet(
      invitations.map((item) => youthCompanyTieKey(String(item.youthId), String(item.companyId))),
    );
    // Assess
    expect(invitations.length).toBeGreaterThan(0);
    const untied = invitations.filter((_item, i) => !(ties[i]?.reasons instanceof Set));
    expect(untied).toEqual([]);
  });

  it("records meetings at each municipality's held matching event, so the demo shows ties", async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('265'), new Date(`${world.today}T12:00:00Z`)),
      entitiesQuery('Municipality', 'tieStats { youthWithCompanyTies newTies }'),
      { representations: [{ __typename: 'Municipality', code: '265' }] },
    );
    const ties = (await everyItem(table)).filter(
      (item) => item.entity === 'YouthCompanyTie' && item.ways instanceof Set,
    );
    // Assess
    expect(
      ties.filter((item) => (item.ways as Set<string>).has('MATCHING_EVENT')).length,
    ).toBeGreaterThan(0);
    expect(result.errors).toBeUndefined();
    const [municipality] = (result.data?._entities ?? []) as Array<{
      tieStats: { youthWithCompanyTies: number };
    }>;
    expect(municipality?.tieStats.youthWithCompanyTies).toBeGreaterThan(0);
  });

  it("writes counters that agree with the world's placements", async () => {
    // Prepare
    const inRoskilde = world.placements.filter((p) => p.municipalityCode === '265');
    const count = (status: string) => inRoskilde.filter((p) => p.status === status).length;
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('265'), new Date(`${world.today}T12:00:00Z`)),
      entitiesQuery(
        'Municipality',
        'placementStats(period: { from: "2025-01-01", to: "2026-12-31" }) { planned active extended completed interrupted startedInPeriod outcomesInPeriod { kind count } }',
      ),
      { representations: [{ __typename: 'Municipality', code: '265' }] },
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        placementStats: {
          planned: count('PLANNED'),
          active: count('ACTIVE'),
          extended: count('EXTENDED'),
          completed: count('COMPLETED'),
          interrupted: count('INTERRUPTED'),
          startedInPeriod: inRoskilde.length - count('PLANNED'),
          outcomesInPeriod: expect.arrayContaining([
            {
              kind: 'EDUCATION',
              count: inRoskilde.filter((p) => p.outcome?.kind === 'EDUCATION').length,
            },
          ]),
        },
      },
    ]);
  });

  it('shows the team leader the fidelity figures: placements the young people chose among those started', async () => {
    // Prepare: the seeded placements, chosen unless arranged by the team, and their weekly hours
    const stored = await everyItem(table);
    const started = stored.filter(
      (item) =>
        item.entity === 'Placement' && item.municipalityCode === '265' && item.status !== 'PLANNED',
    );
    const chosen = started.filter((item) => (item.origin as { kind: string }).kind !== 'STAFF');
    // Act
    const result = await execute<{ _entities: Array<{ fidelity: unknown }> }>(
      server,
      testContext(table, staffIdentity('265', 'TEAM_LEADER'), new Date(`${world.today}T12:00:00Z`)),
      entitiesQuery(
        'Municipality',
        'fidelity(from: "2025-01-01", to: "2026-12-31") { placementsStarted placementsChosenByYouth chosenByYouthShare }',
      ),
      { representations: [{ __typename: 'Municipality', code: '265' }] },
    );
    // Assess: both kinds are in the demo, and every placement has its weekly hours
    expect(result.errors).toBeUndefined();
    expect(chosen.length).toBeGreaterThan(0);
    expect(chosen.length).toBeLessThan(started.length);
    expect(result.data?._entities[0]?.fidelity).toEqual({
      placementsStarted: started.length,
      placementsChosenByYouth: chosen.length,
      chosenByYouthShare: chosen.length / started.length,
    });
    for (const item of started) expect(item.weeklyHours).toEqual(expect.any(Number));
  });

  it('shows a young person their seeded placement with plan, checkpoints and current placement', async () => {
    // Prepare
    const placement = world.placements.find(
      (p) => p.status === 'ACTIVE' && p.municipalityCode === '265',
    );
    if (!placement) throw new Error('The demo world has an active placement in Roskilde');
    // Act
    const result = await execute(
      server,
      testContext(
        table,
        youthIdentity('265', placement.youthId),
        new Date(`${world.today}T12:00:00Z`),
      ),
      entitiesQuery(
        'Youth',
        'currentPlacement { id status plan { goals } checkpoints { dueDate completedOn } }',
      ),
      { representations: [representation('Youth', placement.youthId)] },
    );
    // Assess
    expect(result.errors).toBeUndefined();
    const current = (
      (result.data?._entities ?? []) as Array<{ currentPlacement: Record<string, unknown> }>
    )[0]?.currentPlacement;
    expect(current).toMatchObject({ id: placement.id, status: 'ACTIVE' });
    expect(current?.checkpoints).toHaveLength(3);
  });

  it("lists a host company's placements to its contact", async () => {
    // Prepare
    const placement = world.placements.find(
      (p) => p.status === 'COMPLETED',
    ) as DemoWorld['placements'][number];
    const contact = world.companies.find((c) => c.id === placement.companyId)?.contacts[0];
    // Act
    const result = await execute(
      server,
      testContext(table, companyContactIdentity(placement.companyId, contact?.id)),
      entitiesQuery('Company', 'placements { edges { node { id outcome { kind } } } }'),
      { representations: [representation('Company', placement.companyId)] },
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data)).toContain(placement.id);
  });

  it('guards every open placement: the young person and the opportunity', async () => {
    // Prepare
    const open = world.placements.filter((p) =>
      ['PLANNED', 'ACTIVE', 'EXTENDED'].includes(p.status),
    );
    const closed = world.placements.find(
      (p) => p.status === 'COMPLETED',
    ) as DemoWorld['placements'][number];
    // Act
    const guards = await Promise.all(
      open.map((p) => loadYouthGuard(createItemLoader(table), p.youthId)),
    );
    const occupancies = await Promise.all(
      open.map((p) => loadOccupancy(createItemLoader(table), p.opportunityId)),
    );
    const closedGuard = await loadYouthGuard(createItemLoader(table), closed.youthId);
    // Assess
    open.forEach((p, i) => {
      expect(guards[i]?.placements[p.id]).toEqual({
        startDate: p.startDate,
        endDate: p.endDate,
        status: p.status,
      });
      expect(occupancies[i]?.placements[p.id]).toBeDefined();
    });
    expect(closedGuard.placements).toEqual({});
  });

  it('derives open wishes and one a company declined, invitations at every stage and matching events with notes', async () => {
    // Prepare
    const roskilde = world.youth.filter((y) => y.municipalityCode === '265');
    const wisher = roskilde[18]?.id as string;
    const invited = roskilde.slice(24, 28).map((y) => y.id);
    const context = testContext(table, staffIdentity('265'), new Date(`${world.today}T12:00:00Z`));
    // Act
    const result = await execute<{
      _entities: Array<{
        wishes: { edges: Array<{ node: { rank: number; status: string } }> };
        invitations: { edges: Array<{ node: { status: string } }> };
        matchingEvents: { edges: Array<{ node: { event: { id: string } } }> };
      }>;
    }>(
      server,
      context,
      entitiesQuery(
        'Youth',
        'wishes { edges { node { rank status } } } invitations { edges { node { status } } } matchingEvents { edges { node { event { id } } } }',
      ),
      { representations: [wisher, ...invited].map((id) => representation('Youth', id)) },
    );
    // Assess
    expect(result.errors).toBeUndefined();
    const [first, ...others] = result.data?._entities ?? [];
    expect(first?.wishes.edges.map((e) => e.node)).toEqual([
      { rank: 1, status: 'OPEN' },
      { rank: 2, status: 'DECLINED' },
    ]);
    expect(first?.matchingEvents.edges.map((e) => e.node.event.id)).toEqual(['me-265-1']);
    expect(others.map((o) => o.invitations.edges[0]?.node.status)).toEqual([
      'PENDING',
      'PENDING',
      'DECLINED',
      'EXPIRED',
    ]);
  });
});
