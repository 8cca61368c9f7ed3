import type { SubgraphContext } from '#kernel/context';
import { requireVersion } from '#kernel/errors';
import type { UnitOfWork } from '#kernel/unit-of-work';
import { linkReason } from '#kernel/youth-company-link';
import { prepareYouthStatusChange } from '#people/published/youth-status';
import type { GuardedPlacement } from '../repository/placement-guard-entity.ts';
import {
  loadCompanyOccupancy,
  loadOccupancy,
  loadPlacement,
  loadYouthGuard,
} from '../repository/placement-repository.ts';
import { readYouthPlacementsFacts } from '../repository/placement-stats-repository.ts';
import { stagePlacementWrite } from '../repository/placement-writes.ts';
import {
  companyEmployeesUnchanged,
  loadCompanyFacts,
  loadOneYouthFacts,
  loadOpportunityFacts,
  opportunityPlacesUnchanged,
} from '../repository/shared-items.ts';
import { linkAction, loadLink } from '../repository/youth-company-link-repository.ts';
import { requireCompanyRatio } from './company-ratio.ts';
import { type DateRange, peakConcurrency, rangesOverlap } from './dates.ts';
import type { Placement } from './placement.ts';
import { startChanges, transitionCounterChanges } from './placement-figures.ts';
import type { PlacementStep } from './placement-lifecycle.ts';
import { broken, RULE } from './rules.ts';

/**
 * How a command changes a placement that exists: it reads the placement at the version the
 * client read, decides the step of its course (`placement-lifecycle.ts`), and stages the step
 * with everything that changes with it — the guards, the counters, the opportunity's places
 * and the company's size (rimelighedskravet) when the period grows, the youth–company link when the placement ends, the young person's
 * status, and whatever further writes the step brings (lifecycle tasks).
 */

/**
 * A step of a placement's course with what else it changes: further writes of the same unit
 * (lifecycle tasks) and what follows once it is committed (the lifecycle workflow).
 */
export interface PlacementChange extends PlacementStep {
  /** Stages further writes of the same unit of work. */
  stage?: (work: UnitOfWork) => void;
  /** Runs once the change is committed, with the placement as stored. */
  afterCommit?: (stored: Placement) => Promise<void>;
}

/**
 * The placement a change is made on, read strongly consistent: `PLACEMENT_NOT_FOUND` when there
 * is none, `CONFLICT` (naming the current version) when it is not at the version the client
 * read.
 *
 * @param context - the request
 * @param placementId - the placement
 * @param expectedVersion - the version the client read; left out where the client acted on
 *   another record (a lifecycle task), whose own version is checked instead
 */
export async function readPlacementToChange(
  context: SubgraphContext,
  placementId: string,
  expectedVersion?: number,
): Promise<Placement> {
  const placement = await loadPlacement(context.loader, placementId);
  if (!placement) throw broken(RULE.PLACEMENT_NOT_FOUND, 'No such placement', ['placementId']);
  if (expectedVersion !== undefined) {
    requireVersion('The placement', expectedVersion, placement.version);
  }
  return placement;
}

/**
 * A placement's longer period collides with nothing: no other open placement of the young
 * person overlaps it, and the opportunity has a place free on every day of it.
 *
 * @param placementId - the placement whose period grows
 * @param period - its longer period
 * @param guarded - the open placements of the young person and of the opportunity
 * @param places - the opportunity's places
 */
export function requireLongerPeriodFree(
  placementId: string,
  period: DateRange,
  guarded: {
    youthPlacements: Readonly<Record<string, GuardedPlacement>>;
    occupancy: Readonly<Record<string, GuardedPlacement>>;
  },
  places: number,
): void {
  const others = (entries: Readonly<Record<string, GuardedPlacement>>) =>
    Object.entries(entries)
      .filter(([id]) => id !== placementId)
      .map(([, entry]) => entry);
  if (others(guarded.youthPlacements).some((other) => rangesOverlap(other, period))) {
    throw broken(
      RULE.OVERLAPPING_PLACEMENT,
      'The young person has another placement in the longer period',
      ['newEndDate'],
    );
  }
  if (peakConcurrency(others(guarded.occupancy), period) >= places) {
    throw broken(RULE.OPPORTUNITY_FULL, 'Every place of the opportunity is taken then', [
      'newEndDate',
    ]);
  }
}

/**
 * Stages a step of a placement's course decided on the placement as read.
 *
 * @param context - the request
 * @param work - the unit of work
 * @param before - the placement as read
 * @param change - the step and what else it changes
 * @returns the placement as it will be stored
 */
export async function stagePlacementChange(
  context: SubgraphContext,
  work: UnitOfWork,
  before: Placement,
  change: PlacementChange,
): Promise<Placement> {
  const { table, loader } = context;
  const { after, youthStatus } = change;
  const [youthGuard, occupancy, companyOccupancy, link, youth] = await Promise.all([
    loadYouthGuard(loader, before.youthId),
    loadOccupancy(loader, before.opportunityId),
    loadCompanyOccupancy(loader, before.companyId),
    loadLink(loader, before.youthId, before.companyId),
    loadOneYouthFacts(loader, before.youthId),
  ]);
  if (after.endDate > before.endDate) {
    const [opportunity, [company]] = await Promise.all([
      loadOpportunityFacts(loader, before.opportunityId),
      loadCompanyFacts(loader, [before.companyId]),
    ]);
    const places = opportunity?.places ?? 0;
    requireLongerPeriodFree(
      before.id,
      after,
      { youthPlacements: youthGuard.placements, occupancy: occupancy.placements },
      places,
    );
    work.add(opportunityPlacesUnchanged(before.opportunityId, places));
    if (company) {
      const others = Object.entries(companyOccupancy.placements)
        .filter(([id]) => id !== before.id)
        .map(([, entry]) => entry);
      requireCompanyRatio(others, company.employees, after, 'newEndDate');
      work.add(companyEmployeesUnchanged(company));
    }
  }
  // Starting (or un-starting) a placement may change which was the young person's first.
  const youthPlacements = startChanges(before, after)
    ? await readYouthPlacementsFacts(table, context.loader, before.youthId)
    : undefined;
  const stored = stagePlacementWrite(work, {
    before,
    after,
    youthGuard,
    occupancy,
    companyOccupancy,
    counterChanges: transitionCounterChanges(before, after, youthPlacements),
  });
  change.stage?.(work);
  if (after.status === 'COMPLETED' || after.status === 'INTERRUPTED') {
    const linkChange = linkAction(link, { remove: [linkReason.placement(before.id)] });
    if (linkChange) work.add(linkChange);
  }
  if (youthStatus && youth && youth.status !== youthStatus.status) {
    work.add(
      ...(await prepareYouthStatusChange(table, { youthId: before.youthId, ...youthStatus })),
    );
  }
  const { afterCommit } = change;
  if (afterCommit) work.afterCommit(() => afterCommit(stored));
  return stored;
}
