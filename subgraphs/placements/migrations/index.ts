import type { Migration } from '#kernel/migrations/migration';
import { foldPlacementMonthItems } from './0003-fold-month-items.ts';
import { tiesFromHistory } from './0021-ties-from-history.ts';

/** The placements subgraph's data migrations, in order. */
export const PLACEMENTS_MIGRATIONS: readonly Migration[] = [
  foldPlacementMonthItems,
  tiesFromHistory,
];
