import { nextLifecycleExecutionName, type PlacementLifecycle, stepDueDate } from './lifecycle.ts';
import { LIFECYCLE_CONFIG } from './lifecycle-config.ts';
import type { Placement } from './placement.ts';

/**
 * The lifecycle of a placement the young person left early for education or a job: it goes on
 * at the 3-month follow-up (retention is measured for early leavers as for those who stayed to
 * the end), under the next execution name, because the execution that ran it waits on a
 * checkpoint that will never be held and is stopped. The record is written first; the new
 * execution is started once it is committed, and a start that fails leaves a record naming an
 * execution that does not exist, which the lifecycle reconciler restarts.
 *
 * @param placement - the placement as it becomes (completed, its outcome education or a job)
 * @param lifecycle - its running lifecycle as read
 */
export function followUpLifecycle(
  placement: Placement,
  lifecycle: PlacementLifecycle,
): PlacementLifecycle {
  return {
    ...lifecycle,
    executionId: nextLifecycleExecutionName(placement.id, lifecycle.executionId),
    step: 'FOLLOW_UP_3_MONTHS',
    nextDueDate: stepDueDate(placement, 'FOLLOW_UP_3_MONTHS', lifecycle.round, LIFECYCLE_CONFIG),
  };
}
