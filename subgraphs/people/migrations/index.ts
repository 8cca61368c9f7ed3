import type { Migration } from '#kernel/migrations/migration';
import { foldYouthMonthItems } from './0001-fold-month-items.ts';
import { countStoredAgeExceptions } from './0015-count-stored-age-exceptions.ts';
import { countStoredPassiveSupportWeeks } from './0019-count-stored-passive-support-weeks.ts';

/** The people subgraph's data migrations, in order. */
export const PEOPLE_MIGRATIONS: readonly Migration[] = [
  foldYouthMonthItems,
  countStoredAgeExceptions,
  countStoredPassiveSupportWeeks,
];
