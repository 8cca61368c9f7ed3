import { foldMonthItemsMigration } from '#kernel/migrations/fold-month-items';
import { groupCountsKey, NetworkCountersEntity } from '../repository/network-stats-entity.ts';
import { listMunicipalityCodes } from '../repository/network-stats-repository.ts';

/**
 * The months of network figures folded into the counter item (commit 4eadb06): before it, each
 * municipality kept one item a month beside it, `STATS#<code>#NETWORK` / `MONTH#<YYYY-MM>`.
 */
export const foldNetworkMonthItems = foldMonthItemsMigration(
  '0004',
  'learning community: month items of network figures folded into the counter item',
  {
    municipalities: listMunicipalityCodes,
    monthItems: (code) => ({ partition: groupCountsKey(code).pk, prefix: 'MONTH#' }),
    counterItem: (code) => ({
      key: groupCountsKey(code),
      names: { entity: NetworkCountersEntity.name, municipalityCode: code },
    }),
  },
);
