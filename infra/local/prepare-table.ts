import { ALL_MIGRATIONS } from '#infra/migrations/all-migrations';
import { recordAllApplied, runMigrations } from '#kernel/migrations/runner';
import type { Table } from '#kernel/table/table';
import { isEmpty, seedDemoWorld } from './seed/seed-all.ts';

/** How the local stack readies its table. */
export interface PrepareTableOptions {
  /** Seed the demo world into an empty table. */
  seed: boolean;
  /** Where to say what was done. */
  progress: (message: string) => void;
  /** @default seedDemoWorld */
  seedWorld?: (table: Table) => Promise<void>;
}

/**
 * Readies the local stack's table before it serves: an empty one seeded (in the newest shape,
 * so every migration is recorded as applied without running), and an existing one (`npm start`
 * on a `.data/` from an earlier version) brought forward by the migrations it has not had. A
 * table another runner is migrating (`npm run migrate` at the same moment) is not served half
 * brought forward.
 *
 * @param table - the local stack's table
 * @param options - whether to seed, and where to report
 */
export async function prepareLocalTable(table: Table, options: PrepareTableOptions): Promise<void> {
  if (options.seed && (await isEmpty(table))) {
    options.progress('seeding the demo world');
    await (options.seedWorld ?? seedDemoWorld)(table);
    await recordAllApplied(table, ALL_MIGRATIONS);
  }
  const outcome = await runMigrations(table, ALL_MIGRATIONS);
  if (outcome.status === 'busy') {
    throw new Error('another run is applying data migrations to this table (npm run migrate?)');
  }
  for (const { id, description, itemsTouched } of outcome.applied) {
    options.progress(`migration ${id} applied (${itemsTouched} items): ${description}`);
  }
}
