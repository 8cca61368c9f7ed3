import type { Table } from '#kernel/table/table';
import type { PlacementLifecycle } from '#placements/domain/lifecycle';
import { lifecycleExecutionName } from '#placements/domain/lifecycle';
import type { LifecycleExecutionInput } from '#placements/domain/lifecycle-engine';
import { newLifecycle } from '#placements/domain/lifecycle-start';
import type { Placement } from '#placements/domain/placement';
import {
  aPlacement,
  givenHost,
  givenPlacements,
  givenYoungPeople,
} from './placements-factories.ts';

/**
 * A placement under way whose lifecycle is recorded RUNNING at its check-in, stored with its
 * young person and host company — the state `createPlacement` commits before it starts the
 * execution. Tests of the lifecycle engine start (or leave unstarted) the execution themselves.
 *
 * @param table - the test's table
 * @param overrides - what the test is about (dates, id)
 */
export async function givenRunningLifecycle(
  table: Table,
  overrides: Partial<Placement> = {},
): Promise<Placement & { lifecycle: PlacementLifecycle }> {
  const base = aPlacement({ status: 'ACTIVE', ...overrides });
  const placement = {
    ...base,
    youthId: `y-${base.id}`,
    companyId: `c-${base.id}`,
    opportunityId: `c-${base.id}-opp`,
    mentorContactId: `c-${base.id}-contact`,
  };
  const running = {
    ...placement,
    lifecycle: newLifecycle(placement, 'staff-265-1', new Date(`${placement.startDate}T08:00:00Z`)),
  };
  await givenYoungPeople(table, running.municipalityCode, [running.youthId], 'IN_PLACEMENT');
  await givenHost(table, running.companyId, running.municipalityCode, { places: 2 });
  await givenPlacements(table, [running]);
  return running;
}

/** The name of a placement's lifecycle execution. */
export const executionOf = (placement: Pick<Placement, 'id'>) =>
  lifecycleExecutionName(placement.id);

/**
 * The input a placement's lifecycle execution is started with: a fresh start at the check-in,
 * or a resume at the step the placement records (as the placements subgraph starts it).
 *
 * @param placement - the placement, its lifecycle recorded
 */
export function executionInputOf(placement: Placement): LifecycleExecutionInput {
  const lifecycle = placement.lifecycle;
  if (!lifecycle || (lifecycle.step === 'CHECK_IN' && lifecycle.round === 1)) {
    return { placementId: placement.id, round: 1 };
  }
  return { placementId: placement.id, round: lifecycle.round, resumeAt: lifecycle.step };
}
