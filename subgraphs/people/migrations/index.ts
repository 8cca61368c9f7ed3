import type { Migration } from '#kernel/migrations/migration';
import { foldYouthMonthItems } from './0001-fold-month-items.ts';

/** The people subgraph's data migrations, in order. */
export const PEOPLE_MIGRATIONS: readonly Migration[] = [foldYouthMonthItems];
