import { requireIdentity, requireStaffOf } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import { ForbiddenError } from '#kernel/errors';
import { isStaffRole, type StaffIdentity } from '#kernel/identity';
import {
  listEscalatedTasks,
  listOpenTasksOfStaff,
  listTasksOfPlacement,
} from '../repository/lifecycle-task-repository.ts';
import type { LifecycleTask, PlacementFollowUp, PlacementLifecycle } from './lifecycle.ts';
import type { Placement } from './placement.ts';
import { type PageArgs, pageSize } from './placement-queries.ts';

/**
 * Reading a placement's lifecycle: only the municipal team of the placement's municipality —
 * tasks, reminders and retention are case work, not for the young person, the company or the
 * programme office.
 */

/** Which open lifecycle tasks a staff member lists. */
export type LifecycleTaskScope = 'ASSIGNED_TO_ME' | 'ESCALATED_TO_ME';

/**
 * A page of open lifecycle tasks for the caller: their own, earliest due first; or, for a team
 * leader, the escalated ones of their municipality.
 *
 * @param context - the request's context
 * @param scope - whose tasks
 * @param args - page arguments
 */
export function myLifecycleTasks(
  context: SubgraphContext,
  scope: LifecycleTaskScope,
  args: PageArgs,
): Promise<Connection<LifecycleTask>> {
  const identity = requireIdentity(context);
  if (!isStaffRole(identity.role)) throw new ForbiddenError('Only the municipal team has tasks');
  const staff = identity as StaffIdentity;
  const first = pageSize(args);
  if (scope === 'ESCALATED_TO_ME') {
    if (staff.role !== 'TEAM_LEADER') {
      throw new ForbiddenError('Escalated tasks go to the team leader');
    }
    return listEscalatedTasks(
      context.table,
      context.cursors,
      staff.municipalityCode,
      first,
      args.after,
    );
  }
  return listOpenTasksOfStaff(context.table, context.cursors, staff.staffId, first, args.after);
}

/** Where a placement's lifecycle stands, for its municipality's team. */
export function lifecycleOf(
  context: SubgraphContext,
  placement: Placement,
): PlacementLifecycle | null {
  requireStaffOf(requireIdentity(context), placement.municipalityCode);
  return placement.lifecycle ?? null;
}

/** A placement's lifecycle tasks in the order they opened, for its municipality's team. */
export function lifecycleTasksOf(
  context: SubgraphContext,
  placement: Placement,
): Promise<LifecycleTask[]> {
  requireStaffOf(requireIdentity(context), placement.municipalityCode);
  return listTasksOfPlacement(context.table, placement.id);
}

/** A placement's retention follow-ups, for its municipality's team. */
export function followUpsOf(context: SubgraphContext, placement: Placement): PlacementFollowUp[] {
  requireStaffOf(requireIdentity(context), placement.municipalityCode);
  return placement.followUps ?? [];
}

/** A lifecycle task, for its municipality's team (before anything of it is shown). */
export function requireTaskAccess(context: SubgraphContext, task: LifecycleTask): LifecycleTask {
  requireStaffOf(requireIdentity(context), task.municipalityCode);
  return task;
}
