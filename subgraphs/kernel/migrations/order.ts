import type { Migration } from './migration.ts';

const ID = /^\d{4}$/;

/**
 * Every subgraph's migrations as the one list the runner applies, in the order of their ids.
 * Refuses ids that are not four digits or that two migrations share, and a registry that is not
 * in order itself: a mistake there would run migrations in an order nobody wrote.
 *
 * @param registries - each subgraph's ordered list (`subgraphs/<name>/migrations/index.ts`)
 */
export function orderMigrations(...registries: ReadonlyArray<readonly Migration[]>): Migration[] {
  const seen = new Set<string>();
  for (const registry of registries) {
    registry.forEach((migration, i) => {
      if (!ID.test(migration.id)) throw new Error(`Migration id ${migration.id} is not NNNN`);
      if (seen.has(migration.id)) throw new Error(`Migration id ${migration.id} is used twice`);
      seen.add(migration.id);
      const before = registry[i - 1];
      if (before && before.id > migration.id) {
        throw new Error(`Migration ${migration.id} is listed after ${before.id}`);
      }
    });
  }
  return registries.flat().sort((a, b) => (a.id < b.id ? -1 : 1));
}
