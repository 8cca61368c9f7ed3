import type { SubgraphContext } from './context.ts';
import { sharedKeys } from './shared-keys.ts';

/**
 * What the youth–company link's `reasons` hold (`sharedKeys.youthCompanyLink`), and whether
 * they tie the pair now: the one rule every subgraph asks before it shows a company a young
 * person. A company sees a young person only while an open invitation from it, an open wish
 * to it, or a planned or running placement with it ties them. The placements subgraph adds a
 * reason in the transaction that opens one and removes it in the transaction that ends it; an
 * invitation's end is also a time (it expires unanswered with no write), so its reason carries
 * its answer-by time and holds only until then.
 */
export const linkReason = {
  /** An open invitation, until its answer-by time (ISO 8601). */
  invitation: (invitationId: string, answerBy: string): string =>
    `INVITATION#${invitationId}#UNTIL#${answerBy}`,
  /** An open wish. */
  wish: (wishId: string): string => `WISH#${wishId}`,
  /** A planned or running placement. */
  placement: (placementId: string): string => `PLACEMENT#${placementId}`,
} as const;

const INVITATION = 'INVITATION#';
const UNTIL = '#UNTIL#';

/**
 * Whether one reason ties the pair at `now`. An invitation's holds until its answer-by time;
 * one written without it (before expiry was kept on the link) holds no longer, since nothing
 * says when it ends.
 *
 * @param reason - a reason as stored
 * @param now - the request's time
 */
export function reasonHoldsAt(reason: string, now: Date): boolean {
  if (!reason.startsWith(INVITATION)) return true;
  const at = reason.indexOf(UNTIL);
  return at >= 0 && now.toISOString() <= reason.slice(at + UNTIL.length);
}

/**
 * Whether a link's reasons tie the pair at `now`.
 *
 * @param reasons - the link's reasons as stored (a string set)
 * @param now - the request's time
 */
export function linkHoldsAt(reasons: unknown, now: Date): boolean {
  const list = reasons instanceof Set || Array.isArray(reasons) ? [...reasons] : [];
  return list.some((reason) => typeof reason === 'string' && reasonHoldsAt(reason, now));
}

/**
 * Whether a company and a young person are tied now, through the request's loader (batched
 * with the request's other reads).
 *
 * @param context - the request
 * @param youthId - the young person
 * @param companyId - the company
 */
export async function isTiedNow(
  context: Pick<SubgraphContext, 'loader' | 'now'>,
  youthId: string,
  companyId: string,
): Promise<boolean> {
  const item = await context.loader.load(sharedKeys.youthCompanyLink(youthId, companyId));
  return item !== undefined && linkHoldsAt(item.reasons, context.now());
}
