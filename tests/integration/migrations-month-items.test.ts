import { beforeAll, describe, expect, it } from 'vitest';
import { foldCompanyMonthItems } from '#companies/migrations/0002-fold-month-items';
import {
  CompanyFiguresEntity,
  companyFiguresOf,
  companyStatsKey,
} from '#companies/repository/company-stats-entity';
import { MIGRATIONS_KEY_PREFIXES } from '#infra/config/key-prefixes';
import { ALL_MIGRATIONS } from '#infra/migrations/all-migrations';
import type { Checkpoint } from '#kernel/migrations/migration';
import { runMigrations } from '#kernel/migrations/runner';
import type { Table } from '#kernel/table/table';
import { foldNetworkMonthItems } from '#learning-community/migrations/0004-fold-month-items';
import {
  groupCountsKey,
  monthCountsOf,
  NetworkCountersEntity,
} from '#learning-community/repository/network-stats-entity';
import { foldYouthMonthItems } from '#people/migrations/0001-fold-month-items';
import { youthMonthsFromItem, youthStatsKey } from '#people/repository/youth-stats-entity';
import { foldPlacementMonthItems } from '#placements/migrations/0003-fold-month-items';
import {
  PlacementCountersEntity,
  statusCountersKey,
} from '#placements/repository/placement-stats-entity';
import { everyItem } from '../support/companies-factories.ts';
import { givenMunicipalities, KOBENHAVN, ROSKILDE } from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

/** A checkpoint that keeps nothing: a migration run again from the start. */
const fromTheStart: Checkpoint = { resumeFrom: undefined, save: async () => {} };

/**
 * The four subgraphs' figures as they were stored before commit 4eadb06: one item per
 * municipality and month beside each counter item. Written here as raw items, since no code
 * writes them any more.
 */
async function givenOldMonthItems(table: Table): Promise<void> {
  await table.putMany([
    {
      pk: `MUNI#${ROSKILDE}`,
      sk: 'STATS#YOUTH',
      entity: 'YouthStats',
      municipalityCode: ROSKILDE,
      ENROLLED: 4,
    },
    {
      pk: `MUNI#${ROSKILDE}`,
      sk: 'STATS#YOUTH#MONTH#2026-10',
      entity: 'YouthMonthFigures',
      municipalityCode: ROSKILDE,
      month: '2026-10',
      enrolled: 3,
      fellBack: 1,
    },
    {
      pk: `MUNI#${ROSKILDE}`,
      sk: 'STATS#YOUTH#MONTH#2026-11',
      entity: 'YouthMonthFigures',
      municipalityCode: ROSKILDE,
      month: '2026-11',
      enrolled: 1,
    },
    {
      pk: `MUNI#${KOBENHAVN}`,
      sk: 'STATS#YOUTH#MONTH#2026-11',
      entity: 'YouthMonthFigures',
      municipalityCode: KOBENHAVN,
      month: '2026-11',
      enrolled: 2,
    },
    {
      pk: `MUNI#${ROSKILDE}`,
      sk: 'STATS#COMPANY',
      entity: 'CompanyStats',
      municipalityCode: ROSKILDE,
      active: 2,
    },
    {
      pk: `MUNI#${ROSKILDE}`,
      sk: 'STATS#COMPANY#MONTH#2026-11',
      entity: 'CompanyMonthFigures',
      municipalityCode: ROSKILDE,
      month: '2026-11',
      joined: 2,
      activeChange: 2,
    },
    {
      pk: `STATS#MUNI#${ROSKILDE}`,
      sk: 'PLACEMENTS#STATUS',
      entity: 'PlacementStatusCounters',
      ACTIVE: 1,
    },
    {
      pk: `STATS#MUNI#${ROSKILDE}`,
      sk: 'PLACEMENTS#MONTH#2026-11',
      entity: 'PlacementMonthFigures',
      municipalityCode: ROSKILDE,
      month: '2026-11',
      started: 1,
      FIRST_WEEK_3: 1,
    },
    {
      pk: `STATS#${ROSKILDE}#NETWORK`,
      sk: 'GROUPS',
      entity: 'NetworkGroupCounts',
      municipalityCode: ROSKILDE,
      youthGroups: 1,
    },
    {
      pk: `STATS#${ROSKILDE}#NETWORK`,
      sk: 'MONTH#2026-11',
      entity: 'NetworkMonthCounts',
      municipalityCode: ROSKILDE,
      month: '2026-11',
      sessionsHeld: 2,
      present: 5,
      absent: 1,
    },
  ]);
  // What the new code added to the counter item after the deployment, before the migration ran.
  await table.update(youthStatsKey(ROSKILDE), { add: { '2026-11#enrolled': 1 } });
}

describe('month items folded into the counter items (migrations 0001–0004)', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenOldMonthItems(table);
  });

  it('brings a table in the old shape forward, and a second run changes nothing', async () => {
    const before = await everyItem(table);
    // Act
    const outcome = await runMigrations(table, ALL_MIGRATIONS);
    const afterFirst = await everyItem(table);
    for (const migration of [
      foldYouthMonthItems,
      foldCompanyMonthItems,
      foldPlacementMonthItems,
      foldNetworkMonthItems,
    ]) {
      await migration.run(table, fromTheStart);
    }
    const second = await runMigrations(table, ALL_MIGRATIONS);
    // Assess
    expect(outcome).toMatchObject({ status: 'applied' });
    const touched =
      outcome.status === 'applied'
        ? outcome.applied.map(({ id, itemsTouched }) => [id, itemsTouched])
        : [];
    expect(touched).toEqual([
      ['0001', 3],
      ['0002', 1],
      ['0003', 1],
      ['0004', 1],
      ['0005', 0],
      ['0006', 0],
      ['0007', 0],
      ['0008', 0],
      ['0009', 0],
      ['0010', 0],
      ['0011', 0],
      ['0012', 0],
      ['0014', 0],
      ['0015', 0],
      ['0019', 0],
      ['0023', 0],
    ]);
    expect(second).toEqual({ status: 'applied', applied: [] });
    // Only within the partitions the deployed function is granted (MIGRATIONS_KEY_PREFIXES).
    const changed = [...before, ...afterFirst]
      .filter((item) => {
        const same = (other: Record<string, unknown>) =>
          JSON.stringify(other) === JSON.stringify(item);
        return !before.some(same) || !afterFirst.some(same);
      })
      .map(({ pk }) => String(pk).split('#')[0]);
    expect(changed.length).toBeGreaterThan(0);
    expect(
      changed.filter((prefix) => !MIGRATIONS_KEY_PREFIXES.write.includes(prefix ?? '')),
    ).toEqual([]);
    expect(await everyItem(table)).toEqual(afterFirst);
    expect(afterFirst.filter(({ sk }) => String(sk).includes('MONTH#'))).toEqual([]);

    const youth = youthMonthsFromItem(await table.get(youthStatsKey(ROSKILDE)));
    expect(youth.get('2026-10')).toMatchObject({ enrolled: 3, fellBack: 1 });
    expect(youth.get('2026-11')).toMatchObject({ enrolled: 2, fellBack: 0 });
    expect(
      youthMonthsFromItem(await table.get(youthStatsKey(KOBENHAVN))).get('2026-11'),
    ).toMatchObject({ enrolled: 2 });
    expect((await table.get(youthStatsKey(ROSKILDE)))?.ENROLLED).toBe(4);

    const companies = companyFiguresOf(
      await CompanyFiguresEntity.read(table, companyStatsKey(ROSKILDE)),
    );
    expect(companies.counts.active).toBe(2);
    expect(companies.months.get('2026-11')).toMatchObject({ joined: 2, activeChange: 2, left: 0 });

    const placements = await PlacementCountersEntity.read(table, statusCountersKey(ROSKILDE));
    expect(placements?.counts.ACTIVE).toBe(1);
    expect(placements?.months['2026-11']).toEqual({ started: 1, FIRST_WEEK_3: 1 });

    const network = await NetworkCountersEntity.read(table, groupCountsKey(ROSKILDE));
    expect(network?.youthGroups).toBe(1);
    expect(monthCountsOf(network).get('2026-11')).toEqual({
      sessionsHeld: 2,
      present: 5,
      absent: 1,
      excused: 0,
    });
  });

  it('keeps a change made to a month item between its read and its fold', async () => {
    // Prepare: an old month item, and a write to it (an old function still running during the
    // deployment) just before the fold's transaction.
    const fresh = await createTestTable();
    await givenMunicipalities(fresh);
    const monthKey = { pk: `MUNI#${ROSKILDE}`, sk: 'STATS#YOUTH#MONTH#2026-09' };
    await fresh.put({ ...monthKey, month: '2026-09', enrolled: 3 });
    const racing = Object.create(fresh) as Table;
    let raced = false;
    racing.transact = async (actions, token) => {
      if (!raced) {
        raced = true;
        await fresh.update(monthKey, { add: { enrolled: 1 } });
      }
      return fresh.transact(actions, token);
    };
    // Act
    await foldYouthMonthItems.run(racing, fromTheStart);
    // Assess
    expect(raced).toBe(true);
    expect(await fresh.get(monthKey)).toBeUndefined();
    const months = youthMonthsFromItem(await fresh.get(youthStatsKey(ROSKILDE)));
    expect(months.get('2026-09')?.enrolled).toBe(4);
  });
});
