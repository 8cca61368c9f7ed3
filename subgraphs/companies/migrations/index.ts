import type { Migration } from '#kernel/migrations/migration';
import { foldCompanyMonthItems } from './0002-fold-month-items.ts';
import { placeCompanyChildrenOnGsi3 } from './0005-children-on-gsi3.ts';

/** The companies subgraph's data migrations, in order. */
export const COMPANIES_MIGRATIONS: readonly Migration[] = [
  foldCompanyMonthItems,
  placeCompanyChildrenOnGsi3,
];
