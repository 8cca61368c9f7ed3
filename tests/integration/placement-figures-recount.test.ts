import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoWorld } from '#infra/local/seed/seed-all';
import { addDays } from '#kernel/calendar';
import { monthCounterAttribute, monthCountersOf } from '#kernel/month-counters';
import type { Table } from '#kernel/table/table';
import { recountPlacementFigures } from '#placements/maintenance/recount';
import { statusCountersKey } from '#placements/repository/placement-stats-entity';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import { givenMunicipalities, KOBENHAVN, ROSKILDE } from '../support/people-factories.ts';
import { aHost, givenHosts, givenYoungPeople } from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const TODAY = '2026-11-26';
const NOW = new Date(`${TODAY}T10:00:00Z`);

/** A small deterministic random source, so a failure can be replayed. */
function randomSource(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T,
  };
}

const CREATE = `mutation ($input: CreatePlacementInput!) {
  createPlacement(input: $input) { placement { id status startDate version } errors { code } }
}`;
const START = `mutation ($input: StartPlacementInput!) { startPlacement(input: $input) { placement { version } errors { code } } }`;
const EXTEND = `mutation ($input: ExtendPlacementInput!) { extendPlacement(input: $input) { placement { version } errors { code } } }`;
const COMPLETE = `mutation ($input: CompletePlacementInput!) { completePlacement(input: $input) { placement { version } errors { code } } }`;
const INTERRUPT = `mutation ($input: InterruptPlacementInput!) { interruptPlacement(input: $input) { placement { version } errors { code } } }`;

const OUTCOMES = ['NEW_PLACEMENT', 'EDUCATION', 'JOB', 'PAUSE', 'DROPPED_OUT'] as const;
const outcome = (kind: (typeof OUTCOMES)[number], date: string) => ({
  kind,
  date,
  details:
    kind === 'EDUCATION' || kind === 'JOB'
      ? { what: 'Lager', where: 'Firma', startDate: date }
      : null,
});

interface Tracked {
  id: string;
  code: string;
  status: string;
  startDate: string;
  endDate: string;
  version: number;
}

/** What a change of a placement answers. */
type Changed = { errors: unknown[]; placement: { version: number } | null };

describe('recount: the kept placement figures agree with the raw placements after random changes', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    // Enrolled before any placement of the test starts: a young person's status never changes
    // to a day before their last change (the people subgraph's rule).
    for (const code of [ROSKILDE, KOBENHAVN]) {
      for (let i = 0; i < 8; i++) {
        await givenYoungPeople(
          table,
          code,
          [`y-${code}-${i}`],
          'ENROLLED',
          addDays('2024-06-02', i * 37),
        );
      }
      await givenHosts(
        table,
        ...Array.from({ length: 4 }, (_, i) => aHost(`c-${code}-${i}`, code, { places: 50 })),
      );
    }
  });

  it('keeps the figures equal to a recount after creations, starts, extensions, ends and interruptions', async () => {
    // Prepare
    const random = randomSource(265);
    const placements: Tracked[] = [];
    const changed = { created: 0, started: 0, extended: 0, completed: 0, interrupted: 0 };
    // Act
    for (let step = 0; step < 70; step++) {
      const open = placements.filter((p) => ['PLANNED', 'ACTIVE', 'EXTENDED'].includes(p.status));
      const code = random.pick([ROSKILDE, KOBENHAVN]);
      const team = testContext(table, staffIdentity(code), NOW);
      if (open.length === 0 || random.int(0, 2) === 0) {
        const startDate = addDays(TODAY, -random.int(-40, 400));
        const company = `c-${code}-${random.int(0, 3)}`;
        const result = await execute<{
          createPlacement: { placement: Tracked | null };
        }>(server, team, CREATE, {
          input: {
            youthId: `y-${code}-${random.int(0, 7)}`,
            opportunityId: `${company}-opp`,
            mentorContactId: `${company}-contact`,
            startDate,
            endDate: addDays(startDate, 60),
            weeklyHours: 25,
            plan: { goals: ['Lære'], tasks: ['Lager'], support: ['Mentor'] },
          },
        });
        const created = result.data?.createPlacement.placement;
        if (created) {
          placements.push({ ...created, code, endDate: addDays(startDate, 60) });
          changed.created += 1;
        }
        continue;
      }
      const placement = random.pick(open);
      const own = testContext(table, staffIdentity(placement.code), NOW);
      const input = { placementId: placement.id, expectedVersion: placement.version };
      const lastDay = placement.startDate > TODAY ? placement.startDate : TODAY;
      const date = addDays(placement.startDate, random.int(0, 120));
      const past = date > TODAY ? TODAY : date;
      const choice = random.int(0, 3);
      if (placement.status === 'PLANNED' && choice === 0 && placement.startDate <= TODAY) {
        const r = await execute<{ startPlacement: Changed }>(server, own, START, {
          input,
        });
        if (r.data?.startPlacement.errors.length === 0) {
          placement.status = 'ACTIVE';
          placement.version = r.data.startPlacement.placement?.version ?? placement.version;
          changed.started += 1;
        }
      } else if (placement.status !== 'PLANNED' && choice === 1 && placement.startDate <= TODAY) {
        const newEndDate = addDays(placement.endDate, 30);
        const r = await execute<{ extendPlacement: Changed }>(server, own, EXTEND, {
          input: { ...input, newEndDate, date: past },
        });
        if (r.data?.extendPlacement.errors.length === 0) {
          Object.assign(placement, {
            status: 'EXTENDED',
            endDate: newEndDate,
            version: r.data.extendPlacement.placement?.version ?? placement.version,
          });
          changed.extended += 1;
        }
      } else if (placement.status !== 'PLANNED' && choice === 2 && placement.startDate <= TODAY) {
        const r = await execute<{ completePlacement: Changed }>(server, own, COMPLETE, {
          input: { ...input, outcome: outcome(random.pick(OUTCOMES), past) },
        });
        if (r.data?.completePlacement.errors.length === 0) {
          placement.status = 'COMPLETED';
          changed.completed += 1;
        }
      } else {
        const when = addDays(lastDay, -random.int(0, 10));
        const r = await execute<{ interruptPlacement: Changed }>(server, own, INTERRUPT, {
          input: {
            ...input,
            outcome: outcome(random.pick(OUTCOMES), when > TODAY ? TODAY : when),
            reflection: { whatHappened: 'a', whatWasLearned: 'b', whatNext: 'c' },
          },
        });
        if (r.data?.interruptPlacement.errors.length === 0) {
          placement.status = 'INTERRUPTED';
          changed.interrupted += 1;
        }
      }
    }
    const report = await recountPlacementFigures(table);
    // Assess
    expect(report.differences).toEqual([]);
    expect(changed.created).toBeGreaterThan(10);
    expect(
      changed.started + changed.extended + changed.completed + changed.interrupted,
    ).toBeGreaterThan(10);
    expect(report.itemsCompared).toBeGreaterThan(4);
    const months = monthCountersOf(await table.get(statusCountersKey(ROSKILDE)));
    expect(
      [...months.values()].some((counters) => typeof counters.FIRST_PLACEMENTS === 'number'),
    ).toBe(true);
  });

  it('finds a kept figure that drifted and corrects it with fix', async () => {
    // Prepare
    await table.update(statusCountersKey(ROSKILDE), {
      add: { [monthCounterAttribute('2026-11', 'STARTED')]: 2 },
    });
    await table.update(statusCountersKey(KOBENHAVN), { add: { ACTIVE: -1 } });
    // Act
    const found = await recountPlacementFigures(table, { fix: true });
    const after = await recountPlacementFigures(table);
    // Assess
    expect(found.differences.map((d) => d.counter).sort()).toEqual(['2026-11#STARTED', 'ACTIVE']);
    expect(found.fixed).toBe(true);
    expect(after.differences).toEqual([]);
  });

  it('agrees with the figures the seeder writes for the demo world', async () => {
    // Prepare
    const demo = await createTestTable();
    await seedDemoWorld(demo);
    // Act
    const report = await recountPlacementFigures(demo);
    // Assess
    expect(report.differences).toEqual([]);
    expect(report.itemsCompared).toBeGreaterThan(5 * 6);
  }, 300_000);
});
