import type { Migration } from '#kernel/migrations/migration';
import { foldNetworkMonthItems } from './0004-fold-month-items.ts';
import { countStoredSuggestions } from './0011-count-stored-suggestions.ts';
import { tiesFromGroupMemberships } from './0012-ties-from-group-memberships.ts';

/** The learning community subgraph's data migrations, in order. */
export const LEARNING_COMMUNITY_MIGRATIONS: readonly Migration[] = [
  foldNetworkMonthItems,
  countStoredSuggestions,
  tiesFromGroupMemberships,
];
