import { randomUUID } from 'node:crypto';
import { logger } from '../logger.ts';
import { countMigrationApplied, countMigrationFailed, type MetricsRecorder } from '../metrics.ts';
import { itemMustNotExist } from '../table/expressions.ts';
import { ConditionFailedError, type Item, type Table } from '../table/table.ts';
import { Lease } from './lease.ts';
import {
  APPLIED_PREFIX,
  type AppliedMigration,
  appliedKey,
  checkpointKey,
  LEDGER_PARTITION,
} from './ledger.ts';
import type { Checkpoint, Migration, Position } from './migration.ts';

/** How a runner identifies itself, how long its lease lasts, and its clock. */
export interface RunnerOptions {
  /** @default a new random id */
  holder?: string;
  /** @default five minutes: longer than any one page of a migration takes */
  leaseTtlMs?: number;
  /** @default Date.now */
  now?: () => number;
  /**
   * Asked after every checkpoint saved: false pauses the run there (a Lambda near its end), to be
   * resumed by the next run. @default always true
   */
  keepGoing?: () => boolean;
  /** Where migrations applied and failed are counted (the function on deploy, for its alarm). */
  metrics?: MetricsRecorder;
}

/**
 * What a run did: applied the pending migrations; paused in one of them (`keepGoing`), its
 * checkpoint kept for the next run; or found another runner at work.
 */
export type RunOutcome =
  | { status: 'applied'; applied: AppliedMigration[] }
  | { status: 'paused'; applied: AppliedMigration[]; pausedIn: string }
  | { status: 'busy' };

/** Thrown out of a migration's checkpoint to pause the run once the checkpoint is saved. */
class Paused extends Error {}

/** Which migrations a table has had, and which it has not. */
export interface MigrationStatus {
  applied: AppliedMigration[];
  pending: Array<Pick<Migration, 'id' | 'description'>>;
}

const FIVE_MINUTES = 5 * 60_000;

/**
 * Applies the migrations the table has not had yet, in order, each once: under a lease, so that
 * of two runners at once only one applies (the other answers `busy`), each recorded as applied
 * with a conditional put once it has run to its end. A migration stopped part way resumes from
 * its checkpoint on the next run. A second run over a table that has them all does nothing.
 *
 * @param table - the table
 * @param migrations - every migration, in order (`orderMigrations`)
 * @param options - the runner's id, lease and clock
 */
export async function runMigrations(
  table: Table,
  migrations: readonly Migration[],
  options: RunnerOptions = {},
): Promise<RunOutcome> {
  const now = options.now ?? Date.now;
  const lease = new Lease(
    table,
    options.holder ?? randomUUID(),
    options.leaseTtlMs ?? FIVE_MINUTES,
    now,
  );
  if (!(await lease.take())) return { status: 'busy' };
  try {
    const done = new Set((await appliedMigrations(table)).map(({ id }) => id));
    const known = new Set(migrations.map(({ id }) => id));
    const applied: AppliedMigration[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      let record: AppliedMigration;
      try {
        record = await apply(table, migration, lease, now, options.keepGoing ?? (() => true));
      } catch (error) {
        if (error instanceof Paused) return { status: 'paused', applied, pausedIn: migration.id };
        if (options.metrics) countMigrationFailed(options.metrics);
        throw error;
      }
      if (options.metrics) countMigrationApplied(options.metrics, migration.id, known);
      logger.info('Migration applied', {
        migrationId: record.id,
        itemsTouched: record.itemsTouched,
      });
      applied.push(record);
    }
    return { status: 'applied', applied };
  } finally {
    await lease.release();
  }
}

async function apply(
  table: Table,
  migration: Migration,
  lease: Lease,
  now: () => number,
  keepGoing: () => boolean,
): Promise<AppliedMigration> {
  const kept = await table.get(checkpointKey(migration.id));
  let itemsTouched = Number(kept?.itemsTouched ?? 0);
  const checkpoint: Checkpoint = {
    resumeFrom: kept?.position as Position | undefined,
    async save(position, touched) {
      await table.transact([
        lease.renewal(),
        {
          update: checkpointKey(migration.id),
          spec: { set: { position, itemsTouched: itemsTouched + touched } },
        },
      ]);
      itemsTouched += touched;
      if (!keepGoing()) throw new Paused();
    },
  };
  await migration.run(table, checkpoint);
  const record: AppliedMigration = {
    id: migration.id,
    description: migration.description,
    appliedAt: new Date(now()).toISOString(),
    itemsTouched,
  };
  await table.transact([
    lease.renewal(),
    { put: { ...appliedKey(migration.id), ...record }, condition: itemMustNotExist },
    { delete: checkpointKey(migration.id) },
  ]);
  return record;
}

/** The migrations recorded as applied, in order. */
export async function appliedMigrations(table: Table): Promise<AppliedMigration[]> {
  const items = await table.queryAll({ partition: LEDGER_PARTITION, beginsWith: APPLIED_PREFIX });
  return items.map(appliedOf);
}

function appliedOf(item: Item): AppliedMigration {
  return {
    id: String(item.id),
    description: String(item.description),
    appliedAt: String(item.appliedAt),
    itemsTouched: Number(item.itemsTouched ?? 0),
  };
}

/**
 * Which migrations are applied and which are pending (`npm run migrate -- --status`).
 *
 * @param table - the table
 * @param migrations - every migration, in order
 */
export async function migrationStatus(
  table: Table,
  migrations: readonly Migration[],
): Promise<MigrationStatus> {
  const applied = await appliedMigrations(table);
  const done = new Set(applied.map(({ id }) => id));
  return {
    applied,
    pending: migrations
      .filter(({ id }) => !done.has(id))
      .map(({ id, description }) => ({ id, description })),
  };
}

/**
 * Records every migration as applied without running it: for a table seeded in the newest
 * shape, which has nothing to bring forward. One already recorded keeps its record.
 *
 * @param table - the table
 * @param migrations - every migration
 * @param now - the clock
 */
export async function recordAllApplied(
  table: Table,
  migrations: readonly Migration[],
  now: () => number = Date.now,
): Promise<void> {
  for (const { id, description } of migrations) {
    const record: AppliedMigration = {
      id,
      description,
      appliedAt: new Date(now()).toISOString(),
      itemsTouched: 0,
    };
    try {
      await table.put({ ...appliedKey(id), ...record }, itemMustNotExist);
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
    }
  }
}
