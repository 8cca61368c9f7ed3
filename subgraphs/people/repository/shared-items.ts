import type { ItemLoader } from '#kernel/entity-loader';
import { sharedKeys } from '#kernel/shared-keys';
import type { Item } from '#kernel/table/table';

/**
 * Items other subgraphs own, read through `sharedKeys` and only for what its TSDoc promises:
 * a company's `municipalityCode` (a contact's company and a youth–company link are the
 * kernel's to read: `#kernel/current-contact`, `#kernel/youth-company-link`).
 */

/**
 * The municipality of a company's network, or undefined when the company is unknown.
 *
 * @param loader - the request's loader
 * @param companyId - the company
 */
export async function loadCompanyMunicipality(
  loader: ItemLoader,
  companyId: string,
): Promise<string | undefined> {
  const item = await loader.load(sharedKeys.company(companyId));
  return typeof item?.municipalityCode === 'string' ? item.municipalityCode : undefined;
}

/**
 * The item of a youth–company link as the placements subgraph writes it, for the demo seeder
 * (the placements subgraph owns these links; the seeder writes the demo's so the demo works).
 *
 * @param youthId - the young person
 * @param companyId - the company
 * @param reasons - what ties them, e.g. `PLACEMENT#p-265-001` (`#kernel/youth-company-link`)
 */
export function youthCompanyLinkItem(
  youthId: string,
  companyId: string,
  reasons: readonly string[],
): Item {
  return {
    ...sharedKeys.youthCompanyLink(youthId, companyId),
    entity: 'YouthCompanyLink',
    youthId,
    companyId,
    reasons: new Set(reasons),
  };
}
