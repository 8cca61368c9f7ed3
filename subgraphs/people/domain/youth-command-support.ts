import { requireIdentity } from '#kernel/authorisation';
import { answeredById } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { requireVersion } from '#kernel/errors';
import { danishToday } from '#kernel/today';
import { loadOneYouth } from '../repository/youth-repository.ts';
import type { Youth } from './youth.ts';
import { type YouthView, youthViewFor } from './youth-access.ts';
import { requireYouthFound } from './youth-rules.ts';

/**
 * What the commands on a young person share: today's date, the young person read for a change
 * at the version the client read, and the payload's view of them — remembered by id for a repeat
 * with the same idempotency key, and read again to answer it.
 */

/** Today in Denmark, by the request's clock. */
export function todayOf(context: SubgraphContext): string {
  return danishToday(context.now());
}

/**
 * The young person a change is about, read strongly consistent: the user error
 * `YOUTH_NOT_FOUND` when there is none, `CONFLICT` naming the current version when they are no
 * longer at the version the client read.
 *
 * @param context - the request
 * @param youthId - the young person
 * @param expectedVersion - the version the client read
 */
export async function youthToChange(
  context: SubgraphContext,
  youthId: string,
  expectedVersion: number,
): Promise<Youth> {
  const youth = requireYouthFound(await loadOneYouth(context.loader, youthId));
  requireVersion('The young person', expectedVersion, youth.version);
  return youth;
}

/**
 * A young person as the caller of a change sees them in its payload (their team, or themself:
 * the rule of the mutation admitted no one else).
 *
 * @param context - the request
 * @param youth - the young person
 */
export function viewForCaller(context: SubgraphContext, youth: Youth): YouthView {
  return youthViewFor(requireIdentity(context), youth, false);
}

/**
 * How a change that answers with the young person remembers them for a repeat (their id,
 * nothing personal) and answers the repeat: the young person as they are now, as the caller
 * sees them.
 */
export const answersWithYouth = answeredById(
  'The young person',
  async (context, youthId) => {
    const youth = await loadOneYouth(context.loader, youthId);
    return youth ? viewForCaller(context, youth) : undefined;
  },
  (view: YouthView) => view.youth.id,
);
