import { COMPANIES_MIGRATIONS } from '#companies/migrations/index';
import { orderMigrations } from '#kernel/migrations/order';
import { LEARNING_COMMUNITY_MIGRATIONS } from '#learning-community/migrations/index';
import { PEOPLE_MIGRATIONS } from '#people/migrations/index';
import { PLACEMENTS_MIGRATIONS } from '#placements/migrations/index';

/**
 * Every subgraph's data migrations in the one order they run in (by id): what `npm run
 * migrate`, `npm start` and the deployment's migration function apply.
 */
export const ALL_MIGRATIONS = orderMigrations(
  PEOPLE_MIGRATIONS,
  COMPANIES_MIGRATIONS,
  PLACEMENTS_MIGRATIONS,
  LEARNING_COMMUNITY_MIGRATIONS,
);
