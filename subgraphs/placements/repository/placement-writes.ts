import type { Entity } from '#kernel/entity';
import type { UnitOfWork } from '#kernel/unit-of-work';
import { OPEN_PLACEMENT_STATUSES, type Placement } from '../domain/placement.ts';
import type { CounterChange } from '../domain/placement-figures.ts';
import { PlacementEntity } from './placement-entity.ts';
import {
  type CompanyOccupancy,
  CompanyOccupancyEntity,
  type GuardedPlacement,
  type OpportunityOccupancy,
  OpportunityOccupancyEntity,
  type YouthPlacementGuard,
  YouthPlacementGuardEntity,
} from './placement-guard-entity.ts';
import { stageCounterChanges } from './placement-stats-entity.ts';

/** One write of a placement, with the guards as they were read before it. */
export interface PlacementWrite {
  /** The placement as read (its version is checked), or null when it is new. */
  before: Placement | null;
  /** The placement as it becomes; its version is set here. */
  after: Placement;
  /** The young person's overlap guard as read. */
  youthGuard: YouthPlacementGuard;
  /** The opportunity's occupancy as read. */
  occupancy: OpportunityOccupancy;
  /** The company's occupancy as read. */
  companyOccupancy: CompanyOccupancy;
  /** The figures it changes. */
  counterChanges: readonly CounterChange[];
}

type Entries = Record<string, GuardedPlacement>;

function withEntry(entries: Entries, placement: Placement): Entries {
  const placements = { ...entries };
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

function sameEntries(a: Entries, b: Entries): boolean {
  return JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
}

/**
 * Stages a guard's new entries: created at version 1, or replaced at the version read. `touch`
 * writes it even when its entries stay as they are.
 */
function stageGuard<G extends { placements: Entries; version: number }>(
  work: UnitOfWork,
  entity: Entity<G>,
  read: G,
  placements: Entries,
  touch = false,
): void {
  if (!touch && sameEntries(placements, read.placements)) return;
  if (read.version === 0) work.create(entity, { ...read, placements, version: 1 });
  else work.replace(entity, read, { ...read, placements });
}

/**
 * Stages one placement write: the placement (new, or on condition its version is the one
 * read), the three guards where the placement's period or status changes them (on condition their
 * versions are the ones read) and the counters. The caller stages its own checks.
 *
 * @param work - the unit of work
 * @param write - the write
 * @returns the placement as stored (with its new version)
 */
export function stagePlacementWrite(work: UnitOfWork, write: PlacementWrite): Placement {
  const { before, after } = write;
  const stored = before
    ? work.replace(PlacementEntity, before, after)
    : work.create(PlacementEntity, { ...after, version: 1 });
  stageGuard(
    work,
    YouthPlacementGuardEntity,
    write.youthGuard,
    withEntry(write.youthGuard.placements, stored),
  );
  stageGuard(
    work,
    OpportunityOccupancyEntity,
    write.occupancy,
    withEntry(write.occupancy.placements, stored),
  );
  // An open placement the company's occupancy does not hold was stored before the occupancy was
  // kept (migration 0014 brings those in): the occupancy is written all the same, so that the
  // migration's write on the version it read fails and it reads the placement again.
  const unknownToCompany =
    before !== null &&
    OPEN_PLACEMENT_STATUSES.includes(before.status) &&
    !(before.id in write.companyOccupancy.placements);
  stageGuard(
    work,
    CompanyOccupancyEntity,
    write.companyOccupancy,
    withEntry(write.companyOccupancy.placements, stored),
    unknownToCompany,
  );
  stageCounterChanges(work, write.counterChanges);
  return stored;
}

/**
 * Stages a change of a placement that leaves its status and period as they are (where its
 * lifecycle stands), on condition of the version read; no guard or counter changes.
 *
 * @param work - the unit of work
 * @param before - the placement as read
 * @param after - the placement as it becomes
 * @returns the placement as stored (with its new version)
 */
export function stagePlacementRecord(
  work: UnitOfWork,
  before: Placement,
  after: Placement,
): Placement {
  if (before.status !== after.status || before.endDate !== after.endDate) {
    throw new Error('A change of status or period goes through stagePlacementWrite');
  }
  return work.replace(PlacementEntity, before, after);
}
