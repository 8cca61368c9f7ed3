import { ALL_MIGRATIONS } from '#infra/migrations/all-migrations';
import { runMigrations } from '#kernel/migrations/runner';
import type { Table } from '#kernel/table/table';

/**
 * Applies the data migrations an existing table has not had, before the local stack serves it
 * (`npm start` on a `.data/` from an earlier version). A table another runner is migrating
 * (`npm run migrate` at the same moment) is not served half brought forward.
 *
 * @param table - the local stack's table
 * @param progress - where to say what was applied
 */
export async function applyPendingMigrations(
  table: Table,
  progress: (message: string) => void,
): Promise<void> {
  const outcome = await runMigrations(table, ALL_MIGRATIONS);
  if (outcome.status === 'busy') {
    throw new Error('another run is applying data migrations to this table (npm run migrate?)');
  }
  for (const { id, description, itemsTouched } of outcome.applied) {
    progress(`migration ${id} applied (${itemsTouched} items): ${description}`);
  }
}
