import type { ItemLoader } from '#kernel/entity-loader';
import type { YouthCounts } from '../domain/youth-stats.ts';
import { youthCountsFromItem, youthStatsKey } from './youth-stats-entity.ts';

/** A municipality's counts of young people by status: one item read, never a count. */
export async function loadYouthCounts(
  loader: ItemLoader,
  municipalityCode: string,
): Promise<YouthCounts> {
  return youthCountsFromItem(await loader.load(youthStatsKey(municipalityCode)));
}
