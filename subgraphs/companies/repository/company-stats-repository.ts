import type { ItemLoader } from '#kernel/entity-loader';
import type { CompanyStats } from '../domain/company-stats.ts';
import { companyStatsFromItem, companyStatsKey } from './company-stats-entity.ts';

/** A municipality's counts of companies by status: one item, never a read of the companies. */
export async function loadCompanyStats(
  loader: ItemLoader,
  municipalityCode: string,
): Promise<CompanyStats> {
  return companyStatsFromItem(await loader.load(companyStatsKey(municipalityCode)));
}
