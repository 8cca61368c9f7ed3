import { type Connection, toConnection } from '#kernel/connection';
import type { CursorCodec } from '#kernel/cursor';
import type { ItemLoader } from '#kernel/entity-loader';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { Item, Table, TransactAction } from '#kernel/table/table';
import type { MatchingEvent, MatchingEventParticipation } from '../domain/matching-event.ts';
import {
  matchingEventFromItem,
  matchingEventKey,
  matchingEventsOfMunicipalityPartition,
  matchingEventToItem,
  participationFromItem,
  participationKey,
  participationsOfYouthPartition,
  participationToItem,
} from './matching-event-entity.ts';
import { pageRequest } from './paging.ts';

const gsi1Position = (item: Item): Record<string, string> => ({
  pk: item.pk,
  sk: item.sk,
  gsi1pk: String(item.gsi1pk),
  gsi1sk: String(item.gsi1sk),
});

/** Matching events by id through the request's batching loader. */
export async function loadMatchingEvents(
  loader: ItemLoader,
  ids: readonly string[],
): Promise<Array<MatchingEvent | undefined>> {
  const items = await loader.loadMany(ids.map(matchingEventKey));
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return item ? matchingEventFromItem(item) : undefined;
  });
}

/** One matching event, read strongly consistent (for a write that follows). */
export async function readMatchingEvent(
  table: Table,
  id: string,
): Promise<MatchingEvent | undefined> {
  const item = await table.get(matchingEventKey(id));
  return item ? matchingEventFromItem(item) : undefined;
}

/** A young person's part in an event, read strongly consistent. */
export async function readParticipation(
  table: Table,
  eventId: string,
  youthId: string,
): Promise<MatchingEventParticipation | undefined> {
  const item = await table.get(participationKey(eventId, youthId));
  return item ? participationFromItem(item) : undefined;
}

/** A page of a municipality's matching events by date (one query of gsi1). */
export async function listMatchingEventsByMunicipality(
  table: Table,
  cursors: CursorCodec,
  municipalityCode: string,
  first: number,
  after: string | null | undefined,
): Promise<Connection<MatchingEvent>> {
  const partition = matchingEventsOfMunicipalityPartition(municipalityCode);
  const page = await table.query({
    index: 'gsi1',
    partition,
    ...pageRequest(cursors, partition, first, after),
  });
  return toConnection(page, matchingEventFromItem, gsi1Position, cursors, partition);
}

/** A page of a young person's part in matching events, newest first (one query of gsi1). */
export async function listParticipationsByYouth(
  table: Table,
  cursors: CursorCodec,
  youthId: string,
  first: number,
  after: string | null | undefined,
): Promise<Connection<MatchingEventParticipation>> {
  const partition = participationsOfYouthPartition(youthId);
  const page = await table.query({
    index: 'gsi1',
    partition,
    forward: false,
    ...pageRequest(cursors, partition, first, after),
  });
  return toConnection(page, participationFromItem, gsi1Position, cursors, partition);
}

/**
 * The actions that write an event (new, or on condition of its version) and the new young
 * participants' items.
 *
 * @param before - the event as read, or null when new
 * @param after - the event as it becomes
 * @param newYouthIds - the young people added by this write
 */
export function matchingEventWriteActions(
  before: MatchingEvent | null,
  after: MatchingEvent,
  newYouthIds: readonly string[],
): { actions: TransactAction[]; stored: MatchingEvent } {
  const stored = { ...after, version: before ? before.version + 1 : 1 };
  const actions: TransactAction[] = [
    {
      put: matchingEventToItem(stored),
      condition: before ? versionIs(before.version) : itemMustNotExist,
    },
    ...newYouthIds.map((youthId) => ({
      put: participationToItem({
        eventId: stored.id,
        eventDate: stored.date,
        municipalityCode: stored.municipalityCode,
        youthId,
        note: null,
      }),
      condition: itemMustNotExist,
    })),
  ];
  return { actions, stored };
}

/** Writes a young person's notes from an event they take part in. */
export async function saveParticipationNote(
  table: Table,
  participation: MatchingEventParticipation,
  note: string,
): Promise<MatchingEventParticipation> {
  const item = await table.update(
    participationKey(participation.eventId, participation.youthId),
    { set: { note } },
    { expression: 'attribute_exists(pk)' },
  );
  return participationFromItem(item);
}
