import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import type { ListingReader, PageRequest } from '#kernel/listing';
import { versionIs } from '#kernel/table/expressions';
import type { TransactAction } from '#kernel/table/table';
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
