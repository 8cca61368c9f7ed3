import { foldMonthItemsMigration } from '#kernel/migrations/fold-month-items';
import {
  municipalityStatsPartition,
  PlacementCountersEntity,
  statusCountersKey,
} from '../repository/placement-stats-entity.ts';
import { listMunicipalityCodes } from '../repository/shared-items.ts';

/**
 * The months of placement figures folded into the counter item (commit 4eadb06): before it,
 * each municipality kept one item a month, `STATS#MUNI#<code>` / `PLACEMENTS#MONTH#<YYYY-MM>`.
 */
export const foldPlacementMonthItems = foldMonthItemsMigration(
  '0003',
  'placements: month items of placement figures folded into the counter item',
  {
    municipalities: listMunicipalityCodes,
    monthItems: (code) => ({
      partition: municipalityStatsPartition(code),
      prefix: 'PLACEMENTS#MONTH#',
    }),
    counterItem: (code) => ({
      key: statusCountersKey(code),
      names: { entity: PlacementCountersEntity.name },
    }),
  },
);
