import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { TransactAction } from '#kernel/table/table';
import { OPEN_PLACEMENT_STATUSES, type Placement } from '../domain/placement.ts';
import { placementToItem } from './placement-entity.ts';
import {
  type Guard,
  type GuardedPlacement,
  OCCUPANCY_ENTITY,
  opportunityOccupancyKey,
  writeGuard,
  YOUTH_GUARD_ENTITY,
  youthPlacementGuardKey,
} from './placement-guard-entity.ts';
import { type CounterChange, counterActions } from './placement-stats-entity.ts';

/** One write of a placement, with the guards as they were read before it. */
export interface PlacementWrite {
  /** The placement as read (its version is checked), or null when it is new. */
  before: Placement | null;
  /** The placement as it becomes; its version is set here. */
  after: Placement;
  /** The young person's overlap guard as read. */
  youthGuard: Guard;
  /** The opportunity's occupancy as read. */
  occupancy: Guard;
  /** The figures it changes. */
  counterChanges: CounterChange[];
}

function withEntry(read: Guard, placement: Placement): Record<string, GuardedPlacement> {
  const placements = { ...read.placements };
  delete placements[placement.id];
  if (OPEN_PLACEMENT_STATUSES.includes(placement.status)) {
    placements[placement.id] = {
      startDate: placement.startDate,
      endDate: placement.endDate,
      status: placement.status,
    };
  }
  return placements;
}

function sameEntries(a: Record<string, GuardedPlacement>, b: Record<string, GuardedPlacement>) {
  return JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
}

/**
 * The actions of one placement write: the placement (new, or on condition its version is the
 * one read), both guards where the placement's period or status changes them (on condition
 * their versions are the ones read) and the counters. The caller adds its own checks.
 *
 * @param write - the write
 * @returns the actions, and the placement as stored (with its new version)
 */
export function placementWriteActions(write: PlacementWrite): {
  actions: TransactAction[];
  stored: Placement;
} {
  const { before, after } = write;
  const stored = { ...after, version: before ? before.version + 1 : 1 };
  const actions: TransactAction[] = [
    {
      put: placementToItem(stored),
      condition: before ? versionIs(before.version) : itemMustNotExist,
    },
  ];
  const youthEntries = withEntry(write.youthGuard, stored);
  if (!sameEntries(youthEntries, write.youthGuard.placements)) {
    actions.push(
      writeGuard(
        youthPlacementGuardKey(stored.youthId),
        YOUTH_GUARD_ENTITY,
        write.youthGuard,
        youthEntries,
      ),
    );
  }
  const occupancyEntries = withEntry(write.occupancy, stored);
  if (!sameEntries(occupancyEntries, write.occupancy.placements)) {
    actions.push(
      writeGuard(
        opportunityOccupancyKey(stored.opportunityId),
        OCCUPANCY_ENTITY,
        write.occupancy,
        occupancyEntries,
      ),
    );
  }
  actions.push(...counterActions(write.counterChanges));
  return { actions, stored };
}

/**
 * Writes a change of a placement that leaves its status and period as they are (where its
 * lifecycle stands), on condition of the version read; no guard or counter changes.
 *
 * @param before - the placement as read
 * @param after - the placement as it becomes
 * @returns the action, and the placement as stored (with its new version)
 */
export function placementRecordWriteAction(
  before: Placement,
  after: Placement,
): { action: TransactAction; stored: Placement } {
  if (before.status !== after.status || before.endDate !== after.endDate) {
    throw new Error('A change of status or period goes through placementWriteActions');
  }
  const stored = { ...after, version: before.version + 1 };
  return { action: { put: placementToItem(stored), condition: versionIs(before.version) }, stored };
}
