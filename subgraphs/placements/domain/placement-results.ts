import type { SubgraphContext } from '#kernel/context';
import { loadInvitation } from '../repository/invitation-repository.ts';
import { loadMatchingEvent, loadParticipation } from '../repository/matching-event-repository.ts';
import { loadPlacement } from '../repository/placement-repository.ts';
import { loadWish } from '../repository/wish-repository.ts';
import type { Invitation } from './invitation.ts';
import type { MatchingEvent, MatchingEventParticipation } from './matching-event.ts';
import type { Placement } from './placement.ts';
import type { Wish } from './wish.ts';

/**
 * What the idempotency record of a change keeps of its result (the record's id, never personal
 * data), and how a repeat of the change is answered from it: the record read again, as it is
 * now (strongly consistent, so a repeat right after the change sees it).
 */

/** The id of a changed record, as its idempotency record keeps it. */
interface RememberedId {
  id: string;
}

function idOf(remembered: unknown): string {
  return (remembered as RememberedId).id;
}

function found<T>(value: T | undefined, what: string): T {
  // The record was written in the same transaction as the idempotency record that names it.
  if (!value) throw new Error(`${what} of an earlier change is gone`);
  return value;
}

/** Remembers a placement by its id. */
export const rememberPlacement = (placement: Placement): RememberedId => ({ id: placement.id });

/** The placement an earlier change returned, as it is now. */
export async function recallPlacement(
  context: SubgraphContext,
  remembered: unknown,
): Promise<Placement> {
  return found(await loadPlacement(context.loader, idOf(remembered)), 'The placement');
}

/** Remembers a wish by its id. */
export const rememberWish = (wish: Wish): RememberedId => ({ id: wish.id });

/** The wish an earlier change returned, as it is now. */
export async function recallWish(context: SubgraphContext, remembered: unknown): Promise<Wish> {
  return found(await loadWish(context.loader, idOf(remembered)), 'The wish');
}

/** Remembers an invitation by its id. */
export const rememberInvitation = (invitation: Invitation): RememberedId => ({
  id: invitation.id,
});

/** The invitation an earlier change returned, as it is now. */
export async function recallInvitation(
  context: SubgraphContext,
  remembered: unknown,
): Promise<Invitation> {
  return found(await loadInvitation(context.loader, idOf(remembered)), 'The invitation');
}

/** Remembers a matching event by its id. */
export const rememberMatchingEvent = (event: MatchingEvent): RememberedId => ({ id: event.id });

/** The matching event an earlier change returned, as it is now. */
export async function recallMatchingEvent(
  context: SubgraphContext,
  remembered: unknown,
): Promise<MatchingEvent> {
  return found(await loadMatchingEvent(context.loader, idOf(remembered)), 'The matching event');
}

/** Remembers a young person's part in an event by the event's and the young person's ids. */
export const rememberParticipation = (participation: MatchingEventParticipation) => ({
  eventId: participation.eventId,
  youthId: participation.youthId,
});

/** The part in an event an earlier change returned, as it is now. */
export async function recallParticipation(
  context: SubgraphContext,
  remembered: unknown,
): Promise<MatchingEventParticipation> {
  const { eventId, youthId } = remembered as ReturnType<typeof rememberParticipation>;
  return found(await loadParticipation(context.loader, eventId, youthId), 'The participation');
}
