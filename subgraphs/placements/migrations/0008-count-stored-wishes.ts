import type { Migration } from '#kernel/migrations/migration';
import { addMissingCounts } from '#kernel/migrations/missing-counts';
import { monthCounterAttribute } from '#kernel/month-counters';
import type { Table } from '#kernel/table/table';
import { WISH_COUNTERS, wishContribution } from '../domain/wish-figures.ts';
import {
  counterItems,
  PlacementCountersEntity,
  statusCountersKey,
} from '../repository/placement-stats-entity.ts';
import { listMunicipalityCodes } from '../repository/shared-items.ts';
import { readWishFiguresOfMunicipality } from '../repository/wish-repository.ts';

/**
 * The wish figures (wishes made, and the companies' answers by kind, as month counters on the
 * placements counter item) started with `respondToWish` (commit 16c4560): wishes stored before
 * it were never counted. This brings each municipality's wish counters up to what its young
 * people's wishes add up to, by the same `wishContribution` the writes and the recount use.
 * Old wishes were never counted, so a counter only ever lacks: the migration adds what is
 * missing and never takes away.
 *
 * A municipality's wish counters are one set: its wishes are counted together and the
 * difference ADDed to the counters on condition that they still hold what was read
 * (`addCorrection`), so a wish made or answered by a live request meanwhile is never lost (the
 * condition fails and the municipality is read again) and a second run finds nothing to add.
 * The counter item is read before the wishes: a write committed after that read changes a
 * counter the condition holds. Only the wish counters are compared; the placement counters are
 * the recount's. The checkpoint is the last municipality done.
 */
export const countStoredWishes = {
  id: '0008',
  description: 'placements: wishes stored before the wish figures counted in them',
  async run(table, checkpoint) {
    const from = checkpoint.resumeFrom ? String(checkpoint.resumeFrom.code) : undefined;
    for (const code of await listMunicipalityCodes(table)) {
      if (from !== undefined && code <= from) continue;
      const touched = await bringForward(table, code);
      await checkpoint.save({ code }, touched);
    }
  },
} satisfies Migration;

/** Corrects one municipality's wish counters; 1 when it changed them, 0 when they held. */
async function bringForward(table: Table, code: string): Promise<number> {
  const key = statusCountersKey(code);
  const names = { entity: PlacementCountersEntity.name };
  return addMissingCounts(table, { key, names, counting: `wish (${code})` }, async () => {
    const kept = await PlacementCountersEntity.read(table, key);
    const wishes = await readWishFiguresOfMunicipality(table, code);
    const [item] = counterItems(wishes.flatMap(wishContribution));
    const recounted = item ? PlacementCountersEntity.fromItem(item) : undefined;
    return {
      kept: wishAttributes(kept?.months),
      recounted: wishAttributes(recounted?.months),
    };
  });
}

/** The wish counters of a municipality's months, by the attribute that holds them. */
function wishAttributes(
  months: Readonly<Record<string, Readonly<Record<string, number>>>> = {},
): Record<string, number> {
  const attributes: Record<string, number> = {};
  for (const [month, counters] of Object.entries(months)) {
    for (const counter of WISH_COUNTERS) {
      const n = counters[counter];
      if (n !== undefined) attributes[monthCounterAttribute(month, counter)] = n;
    }
  }
  return attributes;
}
