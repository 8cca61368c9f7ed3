import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item } from '#kernel/table/table';
import { type NetworkSession, NetworkSessionSchema } from '../domain/network-session.ts';
import { LC_PREFIX } from './prefixes.ts';

/** Primary key of a session's item. */
export function sessionKey(sessionId: string): ItemKey {
  return { pk: key(LC_PREFIX.session, sessionId), sk: key(LC_PREFIX.session, sessionId) };
}

/** Index partition (gsi1) of a group's sessions, sorted by day. */
function sessionsOfGroupPartition(groupId: string): string {
  return key(PREFIX.networkGroup, groupId, 'SESSIONS');
}

/** The stored item of a session. */
export function sessionToItem(session: NetworkSession): Item {
  return {
    ...sessionKey(session.id),
    entity: 'NetworkSession',
    gsi1pk: sessionsOfGroupPartition(session.groupId),
    gsi1sk: key(session.date, session.id),
    ...session,
  };
}

/** A session from its stored item. */
export function sessionFromItem(item: Item): NetworkSession {
  return NetworkSessionSchema.parse(item);
}

/** The query of a group's sessions, newest first. */
export function sessionsOfGroupQuery(groupId: string) {
  return { index: 'gsi1' as const, partition: sessionsOfGroupPartition(groupId), forward: false };
}
