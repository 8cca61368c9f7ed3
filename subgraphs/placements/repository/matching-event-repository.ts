import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import type { ListingReader, PageRequest } from '#kernel/listing';
import { versionIs } from '#kernel/table/expressions';
import type { Table, TransactAction } from '#kernel/table/table';
import type { MatchingEvent, MatchingEventParticipation } from '../domain/matching-event.ts';
import {
  MatchingEventEntity,
  MatchingEventParticipationEntity,
  matchingEventKey,
  matchingEventsOfMunicipalityPartition,
  participationKey,
  participationsOfYouthPartition,
} from './matching-event-entity.ts';

/** Matching events by id through the request's batching loader. */
export function loadMatchingEvents(
  loader: ItemLoader,
  ids: readonly string[],
): Promise<Array<MatchingEvent | undefined>> {
  return MatchingEventEntity.load(loader, ids.map(matchingEventKey));
}

/** One matching event, through the loader (strongly consistent) (for a write that follows). */
export function loadMatchingEvent(
  loader: ItemLoader,
  id: string,
): Promise<MatchingEvent | undefined> {
  return MatchingEventEntity.loadOne(loader, matchingEventKey(id));
}

/** A young person's part in an event through the request's loader. */
export function loadParticipation(
  loader: ItemLoader,
  eventId: string,
  youthId: string,
): Promise<MatchingEventParticipation | undefined> {
  return MatchingEventParticipationEntity.loadOne(loader, participationKey(eventId, youthId));
}

/** A page of a municipality's matching events by date (one query of gsi1). */
export function listMatchingEventsByMunicipality(
  reader: ListingReader,
  municipalityCode: string,
  page: PageRequest,
): Promise<Connection<MatchingEvent>> {
  const partition = matchingEventsOfMunicipalityPartition(municipalityCode);
  return MatchingEventEntity.page(
    reader,
    { query: { index: 'gsi1', partition }, scope: partition },
    page,
  );
}

/** A page of a young person's part in matching events, newest first (one query of gsi1). */
export function listParticipationsByYouth(
  reader: ListingReader,
  youthId: string,
  page: PageRequest,
): Promise<Connection<MatchingEventParticipation>> {
  const partition = participationsOfYouthPartition(youthId);
  return MatchingEventParticipationEntity.page(
    reader,
    { query: { index: 'gsi1', partition, forward: false }, scope: partition },
    page,
  );
}

/**
 * The update of a young person's notes from an event, on condition that their part is still at
 * the version read (one written before parts had a version is at version 0 and has none).
 *
 * @param participation - the part as read
 * @param note - the notes
 * @returns the action and the part as stored
 */
export function participationNoteChange(
  participation: MatchingEventParticipation,
  note: string,
): { action: TransactAction; stored: MatchingEventParticipation } {
  const stored = { ...participation, note, version: participation.version + 1 };
  const condition =
    participation.version === 0
      ? {
          expression: 'attribute_exists(pk) AND attribute_not_exists(#version)',
          names: { '#version': 'version' },
        }
      : versionIs(participation.version);
  return {
    action: {
      update: participationKey(participation.eventId, participation.youthId),
      spec: { set: { note, version: stored.version } },
      condition,
    },
    stored,
  };
}

/**
 * How many of a young person's latest held events the invitation's check looks at: one page of
 * their participations and one batched read of the events, however many events they attended.
 */
export const EVENTS_CHECKED_FOR_A_MEETING = 100;

/**
 * Whether a young person and a company both attended a matching event held on or before
 * `today`, among the young person's latest {@link EVENTS_CHECKED_FOR_A_MEETING} held events: one
 * query of their participations (gsi1, by date), then one batched read of those events.
 *
 * @param table - the table
 * @param loader - the loader the events are read through
 * @param pair - the young person and the company
 * @param today - the day (an event still to come is no meeting yet)
 */
export async function attendedTheSameEvent(
  table: Table,
  loader: ItemLoader,
  pair: { youthId: string; companyId: string },
  today: string,
): Promise<boolean> {
  const { items } = await table.query({
    index: 'gsi1',
    partition: participationsOfYouthPartition(pair.youthId),
    // The sort key is `<date>#<event id>`; '~' sorts after every id character.
    between: ['0', `${today}#~`],
    forward: false,
    limit: EVENTS_CHECKED_FOR_A_MEETING,
  });
  if (items.length === 0) return false;
  const events = await loadMatchingEvents(
    loader,
    items.map((item) => MatchingEventParticipationEntity.fromItem(item).eventId),
  );
  return events.some((event) => event?.companyIds.includes(pair.companyId));
}
