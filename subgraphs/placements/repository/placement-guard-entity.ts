import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { Item, TransactAction } from '#kernel/table/table';
import type { DateRange } from '../domain/dates.ts';
import type { PlacementStatus } from '../domain/placement.ts';

/**
 * Guard items that make the multi-record rules of placements hold under concurrency. Each
 * holds the open placements (planned or under way) it guards, with their periods, and a
 * version: every placement write reads the guard, checks the rule on what it read, and writes
 * the guard back on condition that its version is unchanged, in the same transaction as the
 * placement. Of two concurrent writers exactly one wins; the other re-reads and re-checks.
 */

/** An open placement as a guard remembers it. */
export interface GuardedPlacement extends DateRange {
  status: PlacementStatus;
}

/** A guard's state: the open placements it holds and the version it was read at. */
export interface Guard {
  /** 0 when no guard item exists yet. */
  version: number;
  placements: Record<string, GuardedPlacement>;
}

/**
 * Key of the guard of a young person's open placements: no two may overlap. It lives in the
 * young person's item collection, so erasure removes it with them.
 */
export function youthPlacementGuardKey(youthId: string): ItemKey {
  return { pk: key(PREFIX.youth, youthId), sk: 'PLACEMENT_GUARD' };
}

/**
 * Key of an opportunity's occupancy: its open placements, never more at once than the
 * opportunity's `places`. Owned by placements, kept next to the opportunity it counts.
 */
export function opportunityOccupancyKey(opportunityId: string): ItemKey {
  return { pk: key(PREFIX.opportunity, opportunityId), sk: 'OCCUPANCY' };
}

/** A guard from its stored item (or the empty guard when there is none). */
export function guardFromItem(item: Item | undefined): Guard {
  if (!item) return { version: 0, placements: {} };
  return {
    version: Number(item.version ?? 0),
    placements: (item.placements ?? {}) as Record<string, GuardedPlacement>,
  };
}

/**
 * The transaction action that writes a guard's new state, on condition that nobody wrote it
 * since it was read.
 *
 * @param guardKey - the guard's key
 * @param entity - the guard's entity name, for readers of the raw table
 * @param read - the guard as read
 * @param placements - its new open placements
 */
export function writeGuard(
  guardKey: ItemKey,
  entity: string,
  read: Guard,
  placements: Record<string, GuardedPlacement>,
): TransactAction {
  return {
    put: { ...guardKey, entity, placements, version: read.version + 1 },
    condition: read.version === 0 ? itemMustNotExist : versionIs(read.version),
  };
}

/** The stored guard item, for seeding. */
export function guardToItem(
  guardKey: ItemKey,
  entity: string,
  placements: Record<string, GuardedPlacement>,
): Item {
  return { ...guardKey, entity, placements, version: 1 };
}

/** Entity name of a young person's placement guard. */
export const YOUTH_GUARD_ENTITY = 'YouthPlacementGuard';

/** Entity name of an opportunity's occupancy. */
export const OCCUPANCY_ENTITY = 'OpportunityOccupancy';
