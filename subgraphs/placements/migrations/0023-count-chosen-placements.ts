import type { Migration } from '#kernel/migrations/migration';
import { addMissingCounts } from '#kernel/migrations/missing-counts';
import { monthCounterAttribute } from '#kernel/month-counters';
import type { Table } from '#kernel/table/table';
import { FIDELITY_COUNTERS, placementContribution } from '../domain/placement-figures.ts';
import { readPlacementFiguresOfYouth } from '../repository/placement-repository.ts';
import {
  counterItems,
  type PlacementCounters,
  PlacementCountersEntity,
  statusCountersKey,
} from '../repository/placement-stats-entity.ts';
import { listCountedYouth, listMunicipalityCodes } from '../repository/shared-items.ts';

/**
 * The fidelity figures' `STARTED_CHOSEN` (placements the young person chose — a wish or an
 * answered invitation — counted in the month they started) started after the placements: those
 * started before were never counted. Every placement has recorded its origin since placements
 * began, so the stored placements say exactly which were chosen; this brings each
 * municipality's counters up to what its young people's placements add up to, by the same
 * `placementContribution` the writes and the recount use. Stubs of placements erased before
 * their stub kept the origin's kind cannot tell: they stay counted as started and not as chosen
 * (the share is then a little low, never high).
 *
 * As 0010 does for feedback: the counter item is read before the placements, and the difference
 * ADDed on condition that the counters still hold what was read (`addMissingCounts`), so a
 * placement started by a live request meanwhile is never lost and a second run finds nothing
 * to add. Only the fidelity counters are compared. The checkpoint is the last municipality done.
 */
export const countChosenPlacements = {
  id: '0023',
  description: 'placements: started placements the young person chose, before they were counted',
  async run(table, checkpoint) {
    const from = checkpoint.resumeFrom ? String(checkpoint.resumeFrom.code) : undefined;
    for (const code of await listMunicipalityCodes(table)) {
      if (from !== undefined && code <= from) continue;
      await checkpoint.save({ code }, await bringForward(table, code));
    }
  },
} satisfies Migration;

/** Corrects one municipality's fidelity counters; 1 when it changed them, 0 when they held. */
async function bringForward(table: Table, code: string): Promise<number> {
  const key = statusCountersKey(code);
  const names = { entity: PlacementCountersEntity.name };
  return addMissingCounts(
    table,
    { key, names, counting: `chosen placements (${code})` },
    async () => {
      const kept = await PlacementCountersEntity.read(table, key);
      const placements = [];
      for (const youth of await listCountedYouth(table, code)) {
        placements.push(...(await readPlacementFiguresOfYouth(table, youth.id)));
      }
      const [item] = counterItems(
        placements
          .filter((placement) => placement.municipalityCode === code)
          .flatMap(placementContribution),
      );
      const recounted = item ? PlacementCountersEntity.fromItem(item) : undefined;
      return { kept: fidelityAttributes(kept), recounted: fidelityAttributes(recounted) };
    },
  );
}

/** The fidelity counters of a municipality's months, by the attribute that holds them. */
function fidelityAttributes(counters: PlacementCounters | undefined): Record<string, number> {
  const attributes: Record<string, number> = {};
  for (const [month, kept] of Object.entries(counters?.months ?? {})) {
    for (const counter of FIDELITY_COUNTERS) {
      const n = kept[counter];
      if (n !== undefined) attributes[monthCounterAttribute(month, counter)] = n;
    }
  }
  return attributes;
}
