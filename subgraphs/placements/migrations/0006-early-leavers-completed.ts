import type { CursorKey } from '#kernel/cursor';
import { key, PREFIX } from '#kernel/keys';
import type { Migration } from '#kernel/migrations/migration';
import { ConditionFailedError, type Table, TransactionConflictError } from '#kernel/table/table';
import { UnitOfWork } from '#kernel/unit-of-work';
import { leavesForEducationOrJob, type Placement } from '../domain/placement.ts';
import { transitionCounterChanges } from '../domain/placement-figures.ts';
import { PlacementEntity, placementKey } from '../repository/placement-entity.ts';
import { readPlacementsOfYouth } from '../repository/placement-repository.ts';
import { stageCounterChanges } from '../repository/placement-stats-entity.ts';
import { listMunicipalityCodes, YouthFactsEntity } from '../repository/shared-items.ts';

const PAGE = 25;
const ATTEMPTS = 5;

/** A placement stored in the old shape: interrupted although the young person left for education or a job. */
export function isEarlyLeaverCountedAsInterrupted(placement: Placement): boolean {
  return (
    placement.status === 'INTERRUPTED' &&
    placement.outcome !== null &&
    leavesForEducationOrJob(placement.outcome.kind)
  );
}

/**
 * Completes one early leaver stored as interrupted, with the figures' deltas, in one
 * transaction on condition of the version read (and the counters by `ADD`, so a live write to
 * them in between is kept). A placement changed meanwhile is read again and judged afresh;
 * whether it was changed.
 */
async function completeEarlyLeaver(table: Table, read: Placement): Promise<boolean> {
  let placement: Placement | undefined = read;
  for (let attempt = 1; placement && isEarlyLeaverCountedAsInterrupted(placement); attempt++) {
    const before: Placement = placement;
    const work = new UnitOfWork();
    const after: Placement = { ...before, status: 'COMPLETED' };
    work.replace(PlacementEntity, before, after);
    // The start is unchanged (an early end and an interruption start alike), so the young
    // person's first-placement figures stay as they are.
    stageCounterChanges(work, transitionCounterChanges(before, after));
    try {
      await table.transact(work.transaction([]));
      return true;
    } catch (error) {
      const retry =
        error instanceof ConditionFailedError || error instanceof TransactionConflictError;
      if (!retry || attempt >= ATTEMPTS) throw error;
    }
    placement = await PlacementEntity.read(table, placementKey(read.id));
  }
  return false;
}

/**
 * Early leavers completed (#20): before it, `interruptPlacement` with the outcome EDUCATION or
 * JOB stored the placement as INTERRUPTED, so the figures counted a young person who left for
 * education or a job as an interruption. Each such placement becomes COMPLETED (its end date,
 * outcome and reflection kept) and its municipality's counters move from interrupted to
 * completed. Young people are read a page at a time per municipality (the people subgraph's
 * listing on gsi1, as the recount reads them), the checkpoint saved after each page. Their
 * lifecycles had ended, and stay ended: their follow-ups were not planned then.
 */
export const completeEarlyLeavers: Migration = {
  id: '0006',
  description: 'placements: placements left early for education or a job counted as completed',
  async run(table, checkpoint) {
    const from = checkpoint.resumeFrom;
    for (const code of (await listMunicipalityCodes(table)).sort()) {
      if (from && code < String(from.code)) continue;
      let startKey: CursorKey | undefined =
        from && code === String(from.code) && from.after
          ? (JSON.parse(String(from.after)) as CursorKey)
          : undefined;
      do {
        const page = await table.query({
          index: 'gsi1',
          partition: key(PREFIX.municipality, code, PREFIX.youth),
          limit: PAGE,
          ...(startKey ? { startKey } : {}),
        });
        let changed = 0;
        for (const item of page.items) {
          const youth = YouthFactsEntity.fromItem(item);
          const placements = await readPlacementsOfYouth(table, youth.id);
          for (const placement of placements.filter(isEarlyLeaverCountedAsInterrupted)) {
            if (await completeEarlyLeaver(table, placement)) changed += 1;
          }
        }
        startKey = page.lastKey;
        await checkpoint.save({ code, after: startKey ? JSON.stringify(startKey) : '' }, changed);
      } while (startKey);
    }
  },
};
