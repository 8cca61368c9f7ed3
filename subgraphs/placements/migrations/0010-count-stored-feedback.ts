import type { Migration } from '#kernel/migrations/migration';
import { addMissingCounts } from '#kernel/migrations/missing-counts';
import { monthCounterAttribute } from '#kernel/month-counters';
import type { Table } from '#kernel/table/table';
import { FEEDBACK_COUNTERS, feedbackContribution } from '../domain/feedback-figures.ts';
import { readFeedbackFiguresOfYouth } from '../repository/placement-feedback-entity.ts';
import {
  counterItems,
  type PlacementCounters,
  PlacementCountersEntity,
  statusCountersKey,
} from '../repository/placement-stats-entity.ts';
import { listCountedYouth, listMunicipalityCodes } from '../repository/shared-items.ts';

/**
 * The feedback figures (per side, occasion and rating, as month counters on the placements
 * counter item) started after `givePlacementFeedback`: feedback given before them was never
 * counted. This brings each municipality's feedback counters up to what the feedback of its
 * young people (living, and erased ones' stubs) adds up to, by the same `feedbackContribution`
 * the writes and the recount use. Old feedback was never counted, so a counter only ever lacks:
 * the migration adds what is missing and never takes away.
 *
 * As 0008 does for wishes: the counter item is read before the feedback, and the difference
 * ADDed on condition that the counters still hold what was read (`addCorrection`), so feedback
 * given by a live request meanwhile is never lost (the municipality is read again) and a second
 * run finds nothing to add. Only the feedback counters are compared. The checkpoint is the last
 * municipality done.
 */
export const countStoredFeedback = {
  id: '0010',
  description: 'placements: feedback given before the feedback figures counted in them',
  async run(table, checkpoint) {
    const from = checkpoint.resumeFrom ? String(checkpoint.resumeFrom.code) : undefined;
    for (const code of await listMunicipalityCodes(table)) {
      if (from !== undefined && code <= from) continue;
      await checkpoint.save({ code }, await bringForward(table, code));
    }
  },
} satisfies Migration;

/** Corrects one municipality's feedback counters; 1 when it changed them, 0 when they held. */
async function bringForward(table: Table, code: string): Promise<number> {
  const key = statusCountersKey(code);
  const names = { entity: PlacementCountersEntity.name };
  return addMissingCounts(table, { key, names, counting: `feedback (${code})` }, async () => {
    const kept = await PlacementCountersEntity.read(table, key);
    const feedback = [];
    for (const youth of await listCountedYouth(table, code)) {
      feedback.push(...(await readFeedbackFiguresOfYouth(table, youth)));
    }
    const [item] = counterItems(
      feedback.filter((given) => given.municipalityCode === code).flatMap(feedbackContribution),
    );
    const recounted = item ? PlacementCountersEntity.fromItem(item) : undefined;
    return { kept: feedbackAttributes(kept), recounted: feedbackAttributes(recounted) };
  });
}

/** The feedback counters of a municipality's months, by the attribute that holds them. */
function feedbackAttributes(counters: PlacementCounters | undefined): Record<string, number> {
  const attributes: Record<string, number> = {};
  for (const [month, kept] of Object.entries(counters?.months ?? {})) {
    for (const counter of FEEDBACK_COUNTERS) {
      const n = kept[counter];
      if (n !== undefined) attributes[monthCounterAttribute(month, counter)] = n;
    }
  }
  return attributes;
}
