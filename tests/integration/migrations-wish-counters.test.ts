import { beforeEach, describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '#infra/migrations/all-migrations';
import type { Table } from '#kernel/table/table';
import { recountPlacementFigures } from '#placements/maintenance/recount';
import { countStoredWishes } from '#placements/migrations/0008-count-stored-wishes';
import {
  PlacementCountersEntity,
  statusCountersKey,
} from '#placements/repository/placement-stats-entity';
import { WishEntity } from '#placements/repository/wish-entity';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { youthIdentity } from '../support/identities.ts';
import { aCheckpoint } from '../support/migration-checkpoint.ts';
import { givenMunicipalities, KOBENHAVN, ROSKILDE } from '../support/people-factories.ts';
import { aHost, givenHosts, givenYoungPeople } from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const CREATE = `mutation ($input: CreateWishInput!) { createWish(input: $input) { wish { id createdAt } } }`;

/**
 * A wish as `createWish` stored it before the wish figures (commit 16c4560): the same item, with
 * no answer, and no counter added anywhere. Written raw, as no code writes that shape any more.
 */
async function givenOldWish(
  table: Table,
  id: string,
  youthId: string,
  municipalityCode: string,
  createdAt: string,
): Promise<void> {
  await table.put(
    WishEntity.toItem({
      id,
      municipalityCode,
      youthId,
      companyId: `c-${municipalityCode}`,
      opportunityId: null,
      rank: Number(id.slice(-1)),
      motivation: 'Jeg vil gerne lære faget',
      status: 'OPEN',
      placementId: null,
      createdAt,
      version: 1,
    }),
  );
}

/** A wish made now through the placements subgraph: counted as it is made. */
async function aNewWish(table: Table, youthId: string, companyId: string): Promise<string> {
  const made = await execute<{ createWish: { wish: { createdAt: string } } }>(
    server,
    testContext(table, youthIdentity(ROSKILDE, youthId)),
    CREATE,
    { input: { companyId, rank: 3, motivation: 'Også den her' } },
  );
  expect(made.errors).toBeUndefined();
  const createdAt = made.data?.createWish.wish.createdAt;
  if (!createdAt) throw new Error('the wish was not made');
  return createdAt.slice(0, 7);
}

async function wishesCounted(table: Table, code: string): Promise<Record<string, number>> {
  const kept = await PlacementCountersEntity.read(table, statusCountersKey(code));
  return Object.fromEntries(
    Object.entries(kept?.months ?? {})
      .map(([month, counters]) => [month, counters.WISHES ?? 0] as const)
      .filter(([, n]) => n > 0),
  );
}

describe('wishes stored before the wish figures counted (migration 0008)', () => {
  let table: Table;
  let newMonth: string;

  beforeEach(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenYoungPeople(table, ROSKILDE, ['y-1', 'y-2'], 'ENROLLED', '2026-01-05');
    await givenYoungPeople(table, KOBENHAVN, ['y-9'], 'ENROLLED', '2026-01-05');
    await givenHosts(
      table,
      aHost(`c-${ROSKILDE}`, ROSKILDE),
      aHost(`c-${KOBENHAVN}`, KOBENHAVN),
      aHost('c-new', ROSKILDE),
    );
    await givenOldWish(table, 'w-old-1', 'y-1', ROSKILDE, '2026-09-14T08:00:00.000Z');
    await givenOldWish(table, 'w-old-2', 'y-2', ROSKILDE, '2026-09-20T08:00:00.000Z');
    await givenOldWish(table, 'w-old-3', 'y-1', ROSKILDE, '2026-10-02T08:00:00.000Z');
    await givenOldWish(table, 'w-old-4', 'y-9', KOBENHAVN, '2026-10-05T08:00:00.000Z');
    newMonth = await aNewWish(table, 'y-2', 'c-new');
  });

  it('counts the old wishes once beside the new one, and a second run adds nothing', async () => {
    // Prepare
    const before = await wishesCounted(table, ROSKILDE);
    // Act
    const first = aCheckpoint();
    await countStoredWishes.run(table, first);
    const afterFirst = await wishesCounted(table, ROSKILDE);
    const second = aCheckpoint();
    await countStoredWishes.run(table, second);
    // Assess
    expect(before).toEqual({ [newMonth]: 1 });
    expect(afterFirst).toEqual({ '2026-09': 2, '2026-10': 1, [newMonth]: 1 });
    expect(await wishesCounted(table, KOBENHAVN)).toEqual({ '2026-10': 1 });
    expect(first.touched).toBe(2);
    expect(second.touched).toBe(0);
    expect(await wishesCounted(table, ROSKILDE)).toEqual(afterFirst);
    const report = await recountPlacementFigures(table);
    expect(report.differences.filter((d) => /#WISHES/.test(String(d.counter)))).toEqual([]);
  });

  it('resumes after the last municipality it finished', async () => {
    // Prepare: København (101) comes before Roskilde (265); a run stopped after it
    const resumed = aCheckpoint({ code: KOBENHAVN });
    // Act
    await countStoredWishes.run(table, resumed);
    // Assess
    expect(await wishesCounted(table, KOBENHAVN)).toEqual({});
    expect(await wishesCounted(table, ROSKILDE)).toEqual({
      '2026-09': 2,
      '2026-10': 1,
      [newMonth]: 1,
    });
    expect(resumed.saved).toEqual([{ code: ROSKILDE }]);
  });

  it('keeps a wish made by a live request between its read of the counters and of the wishes', async () => {
    // Prepare: an old wish of this month, and a wish made just after the migration read
    // Roskilde's counters, before it lists the wishes
    await givenOldWish(table, 'w-old-5', 'y-2', ROSKILDE, `${newMonth}-01T08:00:00.000Z`);
    let interleaved = false;
    let countersRead = false;
    const busy = new Proxy(table, {
      get(target, property, receiver) {
        if (property === 'get') {
          return async (...args: Parameters<Table['get']>) => {
            countersRead ||= args[0].pk === statusCountersKey(ROSKILDE).pk;
            return target.get(...args);
          };
        }
        if (property !== 'queryAll') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<Table['queryAll']>) => {
          if (countersRead && !interleaved) {
            interleaved = true;
            await aNewWish(table, 'y-1', 'c-new');
          }
          return target.queryAll(...args);
        };
      },
    });
    // Act
    await countStoredWishes.run(busy, aCheckpoint());
    // Assess
    expect(interleaved).toBe(true);
    expect(await wishesCounted(table, ROSKILDE)).toEqual({
      '2026-09': 2,
      '2026-10': 1,
      [newMonth]: 3,
    });
  });

  it('runs with every migration, in id order', () => {
    // Assess
    expect(ALL_MIGRATIONS.map(({ id }) => id)).toContain(countStoredWishes.id);
    expect(new Set(ALL_MIGRATIONS.map(({ id }) => id)).size).toBe(ALL_MIGRATIONS.length);
  });
});
