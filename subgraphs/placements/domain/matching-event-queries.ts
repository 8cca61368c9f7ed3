import { isStaffOf } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import type { Identity } from '#kernel/identity';
import {
  listMatchingEventsByMunicipality,
  listParticipationsByYouth,
  loadMatchingEvents,
} from '../repository/matching-event-repository.ts';
import type { MatchingEvent, MatchingEventParticipation } from './matching-event.ts';
import { type PageArgs, pageOf } from './placement-queries.ts';
import type { YouthRef } from './references.ts';

/** Whether the caller may see an event: its team, its young people, its companies' contacts. */
export function canSeeMatchingEvent(identity: Identity, event: MatchingEvent): boolean {
  if (identity.role === 'YOUTH') return event.youthIds.includes(identity.youthId);
  if (identity.role === 'COMPANY_CONTACT') return event.companyIds.includes(identity.companyId);
  return isStaffOf(identity, event.municipalityCode);
}

/** One matching event through the request's loader; null when none exists. */
export async function findMatchingEvent(
  context: SubgraphContext,
  eventId: string,
): Promise<MatchingEvent | null> {
  const [event] = await loadMatchingEvents(context.loader, [eventId]);
  return event ?? null;
}

/** The young people of an event (its team's to see: taking part is personal data). */
export function youthOfMatchingEvent(event: MatchingEvent): YouthRef[] {
  return event.youthIds.map((id) => ({ id, municipalityCode: event.municipalityCode }));
}

/** A page of a municipality's matching events, in date order. */
export function matchingEventsOfMunicipality(
  context: SubgraphContext,
  municipalityCode: string,
  args: PageArgs,
): Promise<Connection<MatchingEvent>> {
  return listMatchingEventsByMunicipality(context, municipalityCode, pageOf(args));
}

/** A page of a young person's part in events, newest first. */
export function matchingEventsOfYouth(
  context: SubgraphContext,
  youth: YouthRef,
  args: PageArgs,
): Promise<Connection<MatchingEventParticipation>> {
  return listParticipationsByYouth(context, youth.id, pageOf(args));
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
