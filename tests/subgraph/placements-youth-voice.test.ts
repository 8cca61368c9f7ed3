import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import { newId } from '#kernel/keys';
import type { Table } from '#kernel/table/table';
import { collectPlacementsData } from '#placements/data-subject/placements-data-subject';
import type { Placement } from '#placements/domain/placement';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import {
  aHost,
  aPlacement,
  changedItems,
  givenHosts,
  givenPlacements,
  givenYoungPeople,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const REFLECT = `mutation ($input: WriteMyReflectionInput!) { writeMyReflection(input: $input) {
  placement { id version youthReflection { text writtenAt } learningReflection { whatHappened } }
  errors { code path }
} }`;
const PLAN = `mutation ($input: UpdatePlacementPlanInput!) { updatePlacementPlan(input: $input) {
  placement { id version plan { goals tasks support } }
  errors { code path }
} }`;

type Identity = Parameters<typeof testContext>[1];
type Payload = {
  placement: { id: string; version: number; [field: string]: unknown } | null;
  errors: Array<{ code: string; path: string[] }>;
};

/** A writeMyReflection input at version 1 unless overridden. */
function writeMyReflectionInput(placementId: string, overrides: Record<string, unknown> = {}) {
  return {
    placementId,
    text: 'Jeg lærte, at jeg skal sige til, når noget er svært.',
    expectedVersion: 1,
    ...overrides,
  };
}

/** An updatePlacementPlan input at version 1 unless overridden. */
function updatePlacementPlanInput(placementId: string, overrides: Record<string, unknown> = {}) {
  return {
    placementId,
    goals: ['Blive bedre til at tale med kunder'],
    expectedVersion: 1,
    ...overrides,
  };
}

describe("placements subgraph: the young person's own voice in their placement", () => {
  let table: Table;
  let interrupted: Placement;
  let running: Placement;
  let completed: Placement;
  const as = (identity: Identity) => testContext(table, identity);
  const reflect = (identity: Identity, input: Record<string, unknown>) =>
    execute<{ writeMyReflection: Payload }>(server, as(identity), REFLECT, { input });
  const updatePlan = (identity: Identity, input: Record<string, unknown>) =>
    execute<{ updatePlacementPlan: Payload }>(server, as(identity), PLAN, { input });

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(table, '265', ['y-ida', 'y-bo'], 'IN_PLACEMENT');
    await givenYoungPeople(table, '101', ['y-cph']);
    await givenHosts(table, aHost('c-1', '265'), aHost('c-2', '265'));
    interrupted = aPlacement({
      youthId: 'y-ida',
      status: 'INTERRUPTED',
      startDate: '2026-08-03',
      endDate: '2026-09-14',
      outcome: { kind: 'PAUSE', date: '2026-09-14', details: null },
      learningReflection: {
        whatHappened: 'For tidligt med fuld tid',
        whatWasLearned: 'Start med færre timer',
        whatNext: 'Ny praktik med 20 timer',
      },
    });
    completed = aPlacement({
      youthId: 'y-ida',
      companyId: 'c-2',
      status: 'COMPLETED',
      startDate: '2026-02-02',
      endDate: '2026-05-01',
      outcome: { kind: 'PAUSE', date: '2026-05-01', details: null },
    });
    running = aPlacement({ youthId: 'y-bo', status: 'ACTIVE', startDate: '2026-10-05' });
    await givenPlacements(table, [interrupted, completed, running]);
  });

  describe('writeMyReflection', () => {
    it('keeps the young person’s reflection beside the team’s, for them and their team, and edits it at the version read', async () => {
      // Act
      const first = await reflect(
        youthIdentity('265', 'y-ida'),
        writeMyReflectionInput(interrupted.id),
      );
      const edited = await reflect(
        youthIdentity('265', 'y-ida'),
        writeMyReflectionInput(interrupted.id, {
          text: 'Næste gang beder jeg om færre timer.',
          expectedVersion: 2,
        }),
      );
      const team = await execute(
        server,
        as(staffIdentity('265')),
        'query ($id: ID!) { placement(id: $id) { youthReflection { text } } }',
        { id: interrupted.id },
      );
      // Assess
      expect(first.data?.writeMyReflection).toMatchObject({
        placement: {
          version: 2,
          youthReflection: {
            text: 'Jeg lærte, at jeg skal sige til, når noget er svært.',
            writtenAt: '2026-11-26T10:00:00.000Z',
          },
          learningReflection: { whatHappened: 'For tidligt med fuld tid' },
        },
        errors: [],
      });
      expect(edited.data?.writeMyReflection.placement?.version).toBe(3);
      expect(team.data?.placement).toEqual({
        youthReflection: { text: 'Næste gang beder jeg om færre timer.' },
      });
    });

    it('keeps the reflection from the company the placement was at', async () => {
      // Act
      const result = await execute(
        server,
        as(companyContactIdentity('c-1')),
        'query ($id: ID!) { placement(id: $id) { id youthReflection { text } } }',
        { id: interrupted.id },
      );
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(result)).not.toContain('færre timer');
    });

    it("returns the reflection in the young person's art. 15 export", async () => {
      // Act
      const sections = await collectPlacementsData(table, 'y-ida');
      // Assess
      expect(JSON.stringify(sections.placements)).toContain('Næste gang beder jeg om færre timer.');
    });

    it('refuses a reflection on a placement that was not interrupted, and a stale version', async () => {
      // Prepare
      const before = await changedItems(table);
      // Act
      const notInterrupted = await reflect(
        youthIdentity('265', 'y-ida'),
        writeMyReflectionInput(completed.id),
      );
      const stale = await reflect(
        youthIdentity('265', 'y-ida'),
        writeMyReflectionInput(interrupted.id, { expectedVersion: 1 }),
      );
      // Assess
      expect(notInterrupted.data?.writeMyReflection).toMatchObject({
        placement: null,
        errors: [{ code: 'PLACEMENT_NOT_INTERRUPTED' }],
      });
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 3 });
      expect(await changedItems(table)).toEqual(before);
    });

    it.each([
      ['the team', staffIdentity('265')],
      ['a contact of the company', companyContactIdentity('c-1')],
      ['the programme office', programmeIdentity()],
    ])(
      'refuses %s (FORBIDDEN): the reflection is the young person’s own',
      async (_who, identity) => {
        // Act
        const result = await reflect(
          identity,
          writeMyReflectionInput(interrupted.id, { expectedVersion: 3 }),
        );
        // Assess
        expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      },
    );

    it('answers another young person as for an unknown placement and writes nothing', async () => {
      // Prepare
      const nobody = newId();
      const before = await changedItems(table);
      // Act
      const real = await reflect(
        youthIdentity('265', 'y-bo'),
        writeMyReflectionInput(interrupted.id),
      );
      const unknown = await reflect(youthIdentity('265', 'y-bo'), writeMyReflectionInput(nobody));
      // Assess
      expect(real.data?.writeMyReflection).toMatchObject({
        placement: null,
        errors: [{ code: 'PLACEMENT_NOT_FOUND' }],
      });
      expect(JSON.stringify(real).replaceAll(interrupted.id, 'ID')).toBe(
        JSON.stringify(unknown).replaceAll(nobody, 'ID'),
      );
      expect(await changedItems(table)).toEqual(before);
    });

    it('rejects an empty reflection with BAD_USER_INPUT', async () => {
      // Act
      const result = await reflect(
        youthIdentity('265', 'y-ida'),
        writeMyReflectionInput(interrupted.id, { text: '  ', expectedVersion: 3 }),
      );
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('updatePlacementPlan', () => {
    it('lets the young person change the goals of their own plan, keeping the rest, and audits it', async () => {
      // Act
      const result = await updatePlan(
        youthIdentity('265', 'y-bo'),
        updatePlacementPlanInput(running.id),
      );
      // Assess
      expect(result.data?.updatePlacementPlan).toMatchObject({
        placement: {
          version: 2,
          plan: {
            goals: ['Blive bedre til at tale med kunder'],
            tasks: ['Lager'],
            support: ['Mentor hver uge'],
          },
        },
        errors: [],
      });
      const trail = await table.queryAll({ partition: AUDIT_KEYS.youthPartition('y-bo') });
      expect(trail.filter((i) => i.action === 'CHANGE').map((i) => i.target)).toContain(
        'Mutation.updatePlacementPlan',
      );
    });

    it('refuses a young person tasks or support with PLAN_PART_NOT_YOURS and changes nothing', async () => {
      // Prepare
      const before = await changedItems(table);
      // Act
      const result = await updatePlan(
        youthIdentity('265', 'y-bo'),
        updatePlacementPlanInput(running.id, {
          tasks: ['Kun kaffe'],
          support: [],
          expectedVersion: 2,
        }),
      );
      // Assess
      expect(result.data?.updatePlacementPlan).toMatchObject({
        placement: null,
        errors: [{ code: 'PLAN_PART_NOT_YOURS', path: ['tasks', 'support'] }],
      });
      expect(await changedItems(table)).toEqual(before);
    });

    it('lets the team change all of the plan, and refuses a stale version with CONFLICT', async () => {
      // Act
      const team = await updatePlan(
        staffIdentity('265'),
        updatePlacementPlanInput(running.id, {
          goals: ['Møde til tiden'],
          tasks: ['Kasse', 'Lager'],
          support: ['Mentor dagligt'],
          expectedVersion: 2,
        }),
      );
      const stale = await updatePlan(
        youthIdentity('265', 'y-bo'),
        updatePlacementPlanInput(running.id, { expectedVersion: 2 }),
      );
      // Assess
      expect(team.data?.updatePlacementPlan.placement).toMatchObject({
        version: 3,
        plan: { goals: ['Møde til tiden'], tasks: ['Kasse', 'Lager'], support: ['Mentor dagligt'] },
      });
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 3 });
    });

    it('refuses to change the plan of a placement that has ended', async () => {
      // Act
      const result = await updatePlan(staffIdentity('265'), updatePlacementPlanInput(completed.id));
      // Assess
      expect(result.data?.updatePlacementPlan).toMatchObject({
        placement: null,
        errors: [{ code: 'PLACEMENT_ENDED' }],
      });
    });

    it.each([
      ['a contact of the company', companyContactIdentity('c-1'), 'FORBIDDEN'],
      ['the programme office', programmeIdentity(), 'FORBIDDEN'],
    ])('refuses %s', async (_who, identity, code) => {
      // Act
      const result = await updatePlan(
        identity,
        updatePlacementPlanInput(running.id, { expectedVersion: 3 }),
      );
      // Assess
      expect(errorCodes(result)).toEqual([code]);
    });

    it.each([
      ['another young person', youthIdentity('265', 'y-ida')],
      ['the team of another municipality', staffIdentity('101')],
    ])('answers %s as for an unknown placement and writes nothing', async (_who, identity) => {
      // Prepare
      const nobody = newId();
      const before = await changedItems(table);
      // Act
      const real = await updatePlan(
        identity,
        updatePlacementPlanInput(running.id, { expectedVersion: 3 }),
      );
      const unknown = await updatePlan(
        identity,
        updatePlacementPlanInput(nobody, { expectedVersion: 3 }),
      );
      // Assess
      expect(real.data?.updatePlacementPlan).toMatchObject({
        placement: null,
        errors: [{ code: 'PLACEMENT_NOT_FOUND' }],
      });
      expect(JSON.stringify(real).replaceAll(running.id, 'ID')).toBe(
        JSON.stringify(unknown).replaceAll(nobody, 'ID'),
      );
      expect(await changedItems(table)).toEqual(before);
    });

    it('rejects a change that sends no part, and an empty list of goals, with BAD_USER_INPUT', async () => {
      // Act
      const nothing = await updatePlan(staffIdentity('265'), {
        placementId: running.id,
        expectedVersion: 3,
      });
      const noGoals = await updatePlan(
        staffIdentity('265'),
        updatePlacementPlanInput(running.id, { goals: [], expectedVersion: 3 }),
      );
      // Assess
      expect(errorCodes(nothing)).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(noGoals)).toEqual(['BAD_USER_INPUT']);
    });
  });
});
