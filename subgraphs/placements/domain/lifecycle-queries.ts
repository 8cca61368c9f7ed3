import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import type { StaffIdentity } from '#kernel/identity';
import {
  listEscalatedTasks,
  listOpenTasksOfStaff,
  listTasksOfPlacement,
} from '../repository/lifecycle-task-repository.ts';
import type { LifecycleTask } from './lifecycle.ts';
import type { Placement } from './placement.ts';
import { type PageArgs, pageOf } from './placement-queries.ts';

/**
 * Reading a placement's lifecycle: case work for the municipal team of the placement's
 * municipality only (the fields' rules, `lifecycle-authorisation-rules.ts`).
 */

/** Which open lifecycle tasks a staff member lists. */
export type LifecycleTaskScope = 'ASSIGNED_TO_ME' | 'ESCALATED_TO_ME';

/**
 * A page of open lifecycle tasks for the caller: their own, earliest due first; or, for a team
 * leader, the escalated ones of their municipality. The field's rule admits the team only, and
 * the escalated ones to the team leader only.
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
  const staff = context.identity as StaffIdentity;
  if (scope === 'ESCALATED_TO_ME') {
    return listEscalatedTasks(context, staff.municipalityCode, pageOf(args));
  }
  return listOpenTasksOfStaff(context, staff.staffId, pageOf(args));
}

/** A placement's lifecycle tasks in the order they opened. */
export function lifecycleTasksOf(
  context: SubgraphContext,
  placement: Placement,
): Promise<LifecycleTask[]> {
  return listTasksOfPlacement(context.table, placement.id);
}
