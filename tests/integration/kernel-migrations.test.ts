import { beforeEach, describe, expect, it } from 'vitest';
import { createMetricsRecorder, type MetricsRecorder } from '#kernel/metrics';
import { LEASE_KEY } from '#kernel/migrations/ledger';
import type { Migration } from '#kernel/migrations/migration';
import { orderMigrations } from '#kernel/migrations/order';
import { migrationStatus, recordAllApplied, runMigrations } from '#kernel/migrations/runner';
import type { Table } from '#kernel/table/table';
import { captureEmf } from '../support/emf.ts';
import { createTestTable } from '../support/table.ts';

/** A recorder that publishes each count at once, so a run that throws leaves its counts on stdout. */
function publishingAtOnce(): MetricsRecorder {
  const inner = createMetricsRecorder({ stage: 'test' });
  return {
    count(name, dimensions, value) {
      inner.count(name, dimensions, value);
      inner.publish();
    },
    publish: () => inner.publish(),
  };
}

/** A migration that adds 1 to a counter item per page, five pages, saving after each. */
function pagedMigration(
  id: string,
  options: { failAtPage?: number; pagesRun?: number[]; inside?: () => Promise<void> } = {},
): Migration {
  return {
    id,
    description: `test migration ${id}`,
    async run(table, checkpoint) {
      await options.inside?.();
      const from = Number(checkpoint.resumeFrom?.page ?? -1) + 1;
      for (let page = from; page < 5; page++) {
        if (page === options.failAtPage) throw new Error('stopped part way');
        await table.update({ pk: 'TEST#MIGRATED', sk: id }, { add: { pages: 1 } });
        options.pagesRun?.push(page);
        await checkpoint.save({ page }, 1);
      }
    },
  };
}

describe('the migration runner', () => {
  let table: Table;

  beforeEach(async () => {
    table = await createTestTable();
  });

  it('applies pending migrations in order, records each, and does nothing the second time', async () => {
    // Prepare
    const order: string[] = [];
    const tracking = (migration: Migration): Migration => ({
      ...migration,
      run: async (t, c) => {
        order.push(migration.id);
        await migration.run(t, c);
      },
    });
    const migrations = orderMigrations(
      [tracking(pagedMigration('0002'))],
      [tracking(pagedMigration('0001'))],
    );
    // Act
    const first = await runMigrations(table, migrations, { now: () => 0 });
    const second = await runMigrations(table, migrations, { now: () => 1 });
    // Assess
    expect(order).toEqual(['0001', '0002']);
    expect(first).toEqual({
      status: 'applied',
      applied: [
        {
          id: '0001',
          description: 'test migration 0001',
          appliedAt: '1970-01-01T00:00:00.000Z',
          itemsTouched: 5,
        },
        {
          id: '0002',
          description: 'test migration 0002',
          appliedAt: '1970-01-01T00:00:00.000Z',
          itemsTouched: 5,
        },
      ],
    });
    expect(second).toEqual({ status: 'applied', applied: [] });
    expect((await table.get({ pk: 'TEST#MIGRATED', sk: '0001' }))?.pages).toBe(5);
    expect((await migrationStatus(table, migrations)).pending).toEqual([]);
    expect(await table.get(LEASE_KEY)).toBeUndefined();
  });

  it('resumes a migration stopped part way from its checkpoint', async () => {
    // Prepare
    const pagesRun: number[] = [];
    await expect(
      runMigrations(table, [pagedMigration('0001', { failAtPage: 3, pagesRun })]),
    ).rejects.toThrow('stopped part way');
    // Act
    const outcome = await runMigrations(table, [pagedMigration('0001', { pagesRun })]);
    // Assess
    expect(pagesRun).toEqual([0, 1, 2, 3, 4]);
    expect(outcome).toMatchObject({ applied: [{ id: '0001', itemsTouched: 5 }] });
    expect((await table.get({ pk: 'TEST#MIGRATED', sk: '0001' }))?.pages).toBe(5);
  });

  it('counts a failed migration for its alarm, and each applied one once', async () => {
    // Prepare
    const emf = captureEmf();
    const failing = [pagedMigration('0001', { failAtPage: 2 }), pagedMigration('0002')];
    // Act
    await expect(runMigrations(table, failing, { metrics: publishingAtOnce() })).rejects.toThrow(
      'stopped part way',
    );
    const failed = emf.metric('MigrationsFailed').length;
    const appliedWhileFailing = emf.metric('MigrationsApplied').length;
    await runMigrations(table, [pagedMigration('0001'), pagedMigration('0002')], {
      metrics: publishingAtOnce(),
    });
    emf.restore();
    // Assess
    expect(failed).toBe(1);
    expect(appliedWhileFailing).toBe(0);
    expect(emf.metric('MigrationsApplied').map(({ migration }) => migration)).toEqual([
      '0001',
      '0002',
    ]);
  });

  it('pauses after a checkpoint when told to stop, and the next run finishes from there', async () => {
    // Prepare
    const pagesRun: number[] = [];
    const migrations = [pagedMigration('0001', { pagesRun }), pagedMigration('0002')];
    // Act
    const paused = await runMigrations(table, migrations, { keepGoing: () => pagesRun.length < 2 });
    const resumed = await runMigrations(table, migrations);
    // Assess
    expect(paused).toEqual({ status: 'paused', applied: [], pausedIn: '0001' });
    expect(pagesRun).toEqual([0, 1, 2, 3, 4]);
    expect(resumed).toMatchObject({
      status: 'applied',
      applied: [
        { id: '0001', itemsTouched: 5 },
        { id: '0002', itemsTouched: 5 },
      ],
    });
  });

  it('lets only one of two runners at once apply a migration', async () => {
    // Prepare
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => {
      letGo = resolve;
    });
    const pagesRun: number[] = [];
    const migration = pagedMigration('0001', {
      pagesRun,
      inside: async () => {
        entered();
        await gate;
      },
    });
    const first = runMigrations(table, [migration]);
    await inside;
    // Act
    const second = await runMigrations(table, [migration]);
    letGo();
    // Assess
    expect(second).toEqual({ status: 'busy' });
    expect(await first).toMatchObject({ status: 'applied', applied: [{ id: '0001' }] });
    expect(pagesRun).toEqual([0, 1, 2, 3, 4]);
  });

  it('takes over the lease of a runner that died once it has expired, not before', async () => {
    // Prepare
    await table.put({ ...LEASE_KEY, holder: 'a runner that died', expiresAt: 1_000 });
    const migrations = [pagedMigration('0001')];
    // Act
    const early = await runMigrations(table, migrations, { now: () => 999 });
    const late = await runMigrations(table, migrations, { now: () => 1_001 });
    // Assess
    expect(early).toEqual({ status: 'busy' });
    expect(late).toMatchObject({ status: 'applied', applied: [{ id: '0001' }] });
  });

  it('stops a runner whose lease another has taken from moving its checkpoint on', async () => {
    // Prepare
    const migration: Migration = {
      id: '0001',
      description: 'loses its lease',
      async run(t, checkpoint) {
        await t.put({ ...LEASE_KEY, holder: 'another runner', expiresAt: 10_000 });
        await checkpoint.save({ page: 0 }, 1);
      },
    };
    // Act
    const run = runMigrations(table, [migration], { now: () => 0 });
    // Assess
    await expect(run).rejects.toThrow();
    expect((await migrationStatus(table, [migration])).applied).toEqual([]);
    expect((await table.get(LEASE_KEY))?.holder).toBe('another runner');
  });

  it('lists applied and pending migrations, and records all as applied for a new table', async () => {
    // Prepare
    const migrations = [pagedMigration('0001'), pagedMigration('0002')];
    await runMigrations(table, migrations.slice(0, 1), { now: () => 0 });
    const before = await migrationStatus(table, migrations);
    // Act
    await recordAllApplied(table, migrations, () => 5);
    // Assess
    expect(before.applied.map(({ id }) => id)).toEqual(['0001']);
    expect(before.pending).toEqual([{ id: '0002', description: 'test migration 0002' }]);
    const after = await migrationStatus(table, migrations);
    expect(after.pending).toEqual([]);
    expect(after.applied.map(({ id, itemsTouched }) => [id, itemsTouched])).toEqual([
      ['0001', 5],
      ['0002', 0],
    ]);
    expect(await table.get({ pk: 'TEST#MIGRATED', sk: '0002' })).toBeUndefined();
  });

  it('refuses ids that are not four digits, used twice, or listed out of order', () => {
    expect(() => orderMigrations([pagedMigration('1')])).toThrow('not NNNN');
    expect(() => orderMigrations([pagedMigration('0001')], [pagedMigration('0001')])).toThrow(
      'used twice',
    );
    expect(() => orderMigrations([pagedMigration('0002'), pagedMigration('0001')])).toThrow(
      'listed after',
    );
  });
});
