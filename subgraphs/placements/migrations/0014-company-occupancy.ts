import { key, PREFIX } from '#kernel/keys';
import type { Migration } from '#kernel/migrations/migration';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import { ConditionFailedError, type Item, type Table } from '#kernel/table/table';
import { OPEN_PLACEMENT_STATUSES } from '../domain/placement.ts';
import { PlacementEntity, placementKey } from '../repository/placement-entity.ts';
import {
  CompanyOccupancyEntity,
  companyOccupancyKey,
  emptyCompanyOccupancy,
  type GuardedPlacement,
} from '../repository/placement-guard-entity.ts';
import { readPlacementsOfYouth } from '../repository/placement-repository.ts';
import { listMunicipalityCodes, YouthFactsEntity } from '../repository/shared-items.ts';

/** Tries per company before a run stops for live writes that keep changing its occupancy. */
const ATTEMPTS = 5;

const isPlacement = (item: Item | undefined): item is Item => item?.entity === PlacementEntity.name;

/**
 * Rimelighedskravet is checked against each company's occupancy (`COMPANY_OCCUPANCY#<id>`), which
 * every placement write keeps from this change on; placements stored before it are in no
 * company's occupancy. This adds each company's open placements (planned or under way) that its
 * occupancy lacks, municipality by municipality (found through its young people and theirs on
 * gsi1, as the recount finds them; each placement then read strongly consistent).
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
      let touched = 0;
      for (const [companyId, ids] of await placementIdsByCompany(table, code)) {
        touched += await gather(table, companyId, ids);
      }
      await checkpoint.save({ code }, touched);
    }
  },
} satisfies Migration;

/** The ids of a municipality's placements by company, through its young people (gsi1). */
async function placementIdsByCompany(table: Table, code: string): Promise<Map<string, string[]>> {
  const youth = await YouthFactsEntity.readAll(table, {
    index: 'gsi1',
    partition: key(PREFIX.municipality, code, PREFIX.youth),
  });
  const byCompany = new Map<string, string[]>();
  for (const person of youth) {
    for (const placement of await readPlacementsOfYouth(table, person.id)) {
      byCompany.set(placement.companyId, [
        ...(byCompany.get(placement.companyId) ?? []),
        placement.id,
      ]);
    }
  }
  return byCompany;
}

/**
 * Adds a company's open placements its occupancy lacks; 1 when it wrote, 0 when none lacked.
 *
 * @param table - the table
 * @param companyId - the company
 * @param ids - its placements as listed (one made since is in its occupancy already)
 */
async function gather(table: Table, companyId: string, ids: readonly string[]): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const kept =
      (await CompanyOccupancyEntity.read(table, companyOccupancyKey(companyId))) ??
      emptyCompanyOccupancy(companyId);
    // Read after the occupancy, strongly consistent: a change committed since is in one or
    // the other.
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
