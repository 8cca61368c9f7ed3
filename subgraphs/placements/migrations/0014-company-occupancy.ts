import { key, PREFIX } from '#kernel/keys';
import type { Migration } from '#kernel/migrations/migration';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import { ConditionFailedError, type Item, type Table } from '#kernel/table/table';
import { OPEN_PLACEMENT_STATUSES } from '../domain/placement.ts';
import {
  PlacementEntity,
  placementKey,
  placementsOfCompanyPartition,
} from '../repository/placement-entity.ts';
import {
  CompanyOccupancyEntity,
  companyOccupancyKey,
  emptyCompanyOccupancy,
  type GuardedPlacement,
} from '../repository/placement-guard-entity.ts';
import { CompanyFactsEntity, listMunicipalityCodes } from '../repository/shared-items.ts';

/** Tries per company before a run stops for live writes that keep changing its occupancy. */
const ATTEMPTS = 5;

const isPlacement = (item: Item | undefined): item is Item => item?.entity === PlacementEntity.name;

/**
 * Rimelighedskravet is checked against each company's occupancy (`COMPANY_OCCUPANCY#<id>`), which
 * every placement write keeps from this change on; placements stored before it are in no
 * company's occupancy. This adds each company's open placements (planned or under way) that its
 * occupancy lacks, municipality by municipality (the companies' gsi1 listing, the placements'
 * gsi2 listing by company, each placement then read strongly consistent).
 *
 * What the occupancy holds was written in a placement's own transaction and is kept as it is;
 * only what it lacks is added, on condition of the version read. The occupancy is read before
 * the placements, and a placement write that commits after that read writes the occupancy (a
 * write of an open placement the occupancy does not know writes it all the same:
 * `placement-writes.ts`), so the condition fails and the company is read again: nothing a live
 * request does meanwhile is lost, and a second run finds nothing to add. The checkpoint is the
 * last municipality done.
 */
export const gatherCompanyOccupancy = {
  id: '0014',
  description: "placements: each company's open placements gathered in its occupancy",
  async run(table, checkpoint) {
    const from = checkpoint.resumeFrom ? String(checkpoint.resumeFrom.code) : undefined;
    for (const code of await listMunicipalityCodes(table)) {
      if (from !== undefined && code <= from) continue;
      const companies = await CompanyFactsEntity.readAll(table, {
        index: 'gsi1',
        partition: key(PREFIX.municipality, code, PREFIX.company),
      });
      let touched = 0;
      for (const company of companies) touched += await gather(table, company.id);
      await checkpoint.save({ code }, touched);
    }
  },
} satisfies Migration;

/** Adds a company's open placements its occupancy lacks; 1 when it wrote, 0 when none lacked. */
async function gather(table: Table, companyId: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const kept =
      (await CompanyOccupancyEntity.read(table, companyOccupancyKey(companyId))) ??
      emptyCompanyOccupancy(companyId);
    const listed = await table.queryAll({
      index: 'gsi2',
      partition: placementsOfCompanyPartition(companyId),
    });
    const ids = listed.filter(isPlacement).map((item) => PlacementEntity.fromItem(item).id);
    const stored = (await table.batchGet(ids.map(placementKey)))
      .filter(isPlacement)
      .map((item) => PlacementEntity.fromItem(item));
    const missing: Record<string, GuardedPlacement> = {};
    for (const p of stored) {
      if (!OPEN_PLACEMENT_STATUSES.includes(p.status) || p.id in kept.placements) continue;
      missing[p.id] = { startDate: p.startDate, endDate: p.endDate, status: p.status };
    }
    if (Object.keys(missing).length === 0) return 0;
    const next = {
      companyId,
      placements: { ...missing, ...kept.placements },
      version: kept.version + 1,
    };
    try {
      await table.put(
        CompanyOccupancyEntity.toItem(next),
        kept.version === 0 ? itemMustNotExist : versionIs(kept.version),
      );
      return 1;
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      if (attempt >= ATTEMPTS) {
        throw new Error(`the occupancy of ${companyId} kept changing; run the migration again`);
      }
    }
  }
}
