import { ACTIVITY_KINDS, type Activity, youthMinutesOf } from '#kernel/activity-log';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import { PROGRAMME_START } from '#kernel/date-bounds';
import { BadUserInputError } from '#kernel/errors';
import { parseInput } from '#kernel/validation';
import { listActivities, loadYouthActivityMinutes } from '../repository/activity-repository.ts';
import { ActivitiesArgsSchema } from './activity-inputs.ts';
import type { StaffView } from './staff-access.ts';
import type { YouthView } from './youth-access.ts';
import { todayOf } from './youth-command-support.ts';

/**
 * A staff member's activities of a period, newest day first (its rule: the staff member
 * themself and their team leader, `ACTIVITY_READ_ACCESS`).
 *
 * @param context - the request
 * @param view - the staff member
 * @param rawArgs - `from`, `to`, `first`, `after`
 */
export function activitiesOf(
  context: SubgraphContext,
  view: StaffView,
  rawArgs: unknown,
): Promise<Connection<Activity>> {
  const args = parseInput(ActivitiesArgsSchema, rawArgs);
  const from = args.from ?? PROGRAMME_START;
  const to = args.to ?? todayOf(context);
  if (from > to) {
    throw new BadUserInputError('The period ends before it begins', [
      { path: 'to', message: 'must not be before from' },
    ]);
  }
  return listActivities(context, view.staff.id, { from, to }, args);
}

/** A young person's staff minutes: in all, and each kind with any. */
export interface StaffMinutesView {
  total: number;
  byKind: Array<{ kind: Activity['kind']; minutes: number }>;
}

/**
 * The staff minutes the activity log holds about a young person so far: one item read.
 *
 * @param context - the request
 * @param view - the young person
 */
export async function staffMinutesOf(
  context: SubgraphContext,
  view: YouthView,
): Promise<StaffMinutesView> {
  const minutes = youthMinutesOf(await loadYouthActivityMinutes(context.loader, view.youth.id));
  return {
    total: minutes.minutes,
    byKind: ACTIVITY_KINDS.filter((kind) => minutes.byKind[kind] > 0).map((kind) => ({
      kind,
      minutes: minutes.byKind[kind],
    })),
  };
}
