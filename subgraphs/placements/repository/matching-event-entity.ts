import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item } from '#kernel/table/table';
import {
  type MatchingEvent,
  type MatchingEventParticipation,
  MatchingEventParticipationSchema,
  MatchingEventSchema,
} from '../domain/matching-event.ts';
import { PLACEMENTS_PREFIX } from './prefixes.ts';

/** Primary key of a matching event's item. */
export function matchingEventKey(eventId: string): ItemKey {
  return {
    pk: key(PLACEMENTS_PREFIX.matchingEvent, eventId),
    sk: key(PLACEMENTS_PREFIX.matchingEvent, eventId),
  };
}

/** Partition (gsi1) of a municipality's matching events, by date. */
export function matchingEventsOfMunicipalityPartition(municipalityCode: string): string {
  return key(PREFIX.municipality, municipalityCode, 'MATCHING_EVENTS');
}

/** Partition (gsi1) of a young person's part in matching events, by date. */
export function participationsOfYouthPartition(youthId: string): string {
  return key(PREFIX.youth, youthId, 'MATCHING_EVENTS');
}

/** Primary key of a young person's part in an event, in the event's item collection. */
export function participationKey(eventId: string, youthId: string): ItemKey {
  return { pk: key(PLACEMENTS_PREFIX.matchingEvent, eventId), sk: key(PREFIX.youth, youthId) };
}

/** The stored item of a matching event. */
export function matchingEventToItem(event: MatchingEvent): Item {
  return {
    ...matchingEventKey(event.id),
    entity: 'MatchingEvent',
    gsi1pk: matchingEventsOfMunicipalityPartition(event.municipalityCode),
    gsi1sk: `${event.date}#${event.id}`,
    ...event,
  };
}

/** A matching event from its stored item. */
export function matchingEventFromItem(item: Item): MatchingEvent {
  return MatchingEventSchema.parse(item);
}

/** The stored item of a young person's part in an event. */
export function participationToItem(participation: MatchingEventParticipation): Item {
  return {
    ...participationKey(participation.eventId, participation.youthId),
    entity: 'MatchingEventParticipation',
    gsi1pk: participationsOfYouthPartition(participation.youthId),
    gsi1sk: `${participation.eventDate}#${participation.eventId}`,
    ...participation,
  };
}

/** A young person's part in an event from its stored item. */
export function participationFromItem(item: Item): MatchingEventParticipation {
  return MatchingEventParticipationSchema.parse(item);
}
