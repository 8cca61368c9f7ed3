import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
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

/** A matching event, listed by municipality in date order. */
export const MatchingEventEntity = defineEntity<MatchingEvent>({
  name: 'MatchingEvent',
  schema: MatchingEventSchema,
  key: (event) => matchingEventKey(event.id),
  indexes: {
    gsi1: (event) => ({
      pk: matchingEventsOfMunicipalityPartition(event.municipalityCode),
      sk: `${event.date}#${event.id}`,
    }),
  },
});

/**
 * A young person's part in an event, listed by young person in date order. Parts written
 * before they had a version (the demo seeder's first) are read at version 0.
 */
export const MatchingEventParticipationEntity = defineEntity<MatchingEventParticipation>({
  name: 'MatchingEventParticipation',
  schema: MatchingEventParticipationSchema,
  key: (participation) => participationKey(participation.eventId, participation.youthId),
  indexes: {
    gsi1: (participation) => ({
      pk: participationsOfYouthPartition(participation.youthId),
      sk: `${participation.eventDate}#${participation.eventId}`,
    }),
  },
  decode: (item) => ({ ...item, version: item.version ?? 0 }),
});
