import type { Migration } from '#kernel/migrations/migration';
import { foldPlacementMonthItems } from './0003-fold-month-items.ts';
import { countStoredWishes } from './0006-count-stored-wishes.ts';

/** The placements subgraph's data migrations, in order. */
export const PLACEMENTS_MIGRATIONS: readonly Migration[] = [
  foldPlacementMonthItems,
  countStoredWishes,
];
