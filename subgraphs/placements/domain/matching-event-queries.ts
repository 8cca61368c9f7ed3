import { isStaffOf, requireIdentity } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import { ForbiddenError } from '#kernel/errors';
import type { Identity } from '#kernel/identity';
import {
  listMatchingEventsByMunicipality,
  listParticipationsByYouth,
  loadMatchingEvents,
} from '../repository/matching-event-repository.ts';
import { requireYouthRecordsAccess } from './access.ts';
import type { MatchingEvent, MatchingEventParticipation } from './matching-event.ts';
import { type PageArgs, pageSize } from './placement-queries.ts';
import type { YouthRef } from './references.ts';

/** Whether the caller may see an event: its team, its young people, its companies' contacts. */
export function canSeeMatchingEvent(identity: Identity, event: MatchingEvent): boolean {
  if (identity.role === 'YOUTH') return event.youthIds.includes(identity.youthId);
  if (identity.role === 'COMPANY_CONTACT') return event.companyIds.includes(identity.companyId);
  return isStaffOf(identity, event.municipalityCode);
}

/** One matching event for those who may see it; null when none exists, else `FORBIDDEN`. */
export async function findMatchingEvent(
  context: SubgraphContext,
  eventId: string,
): Promise<MatchingEvent | null> {
  const identity = requireIdentity(context);
  const [event] = await loadMatchingEvents(context.loader, [eventId]);
  if (!event) return null;
  if (!canSeeMatchingEvent(identity, event)) {
    throw new ForbiddenError('This event is for its participants and its team');
  }
  return event;
}

/** The young people of an event: its team only, since taking part is personal data. */
export function youthOfMatchingEvent(context: SubgraphContext, event: MatchingEvent): YouthRef[] {
  if (!isStaffOf(requireIdentity(context), event.municipalityCode)) {
    throw new ForbiddenError('Who takes part is for the municipal team');
  }
  return event.youthIds.map((id) => ({ id, municipalityCode: event.municipalityCode }));
}

/** A page of a municipality's matching events, for its team. */
export function matchingEventsOfMunicipality(
  context: SubgraphContext,
  municipalityCode: string,
  args: PageArgs,
): Promise<Connection<MatchingEvent>> {
  if (!isStaffOf(requireIdentity(context), municipalityCode)) {
    throw new ForbiddenError("The municipality's events are for its team");
  }
  return listMatchingEventsByMunicipality(
    context.table,
    context.cursors,
    municipalityCode,
    pageSize(args),
    args.after,
  );
}

/** A page of a young person's part in events, for the young person and their team. */
export function matchingEventsOfYouth(
  context: SubgraphContext,
  youth: YouthRef,
  args: PageArgs,
): Promise<Connection<MatchingEventParticipation>> {
  requireYouthRecordsAccess(requireIdentity(context), youth);
  return listParticipationsByYouth(
    context.table,
    context.cursors,
    youth.id,
    pageSize(args),
    args.after,
  );
}

/** The event of a participation (batched over a list). */
export async function eventOfParticipation(
  context: SubgraphContext,
  participation: MatchingEventParticipation,
): Promise<MatchingEvent> {
  const [event] = await loadMatchingEvents(context.loader, [participation.eventId]);
  if (!event) throw new Error('A participation outlived its event');
  return event;
}
