import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
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

/**
 * A meeting of a network group, listed per group on gsi1 by day. Its attendance list is the
 * authority the members' own records and the month counters are projections of.
 */
export const NetworkSessionEntity = defineEntity<NetworkSession>({
  name: 'NetworkSession',
  schema: NetworkSessionSchema,
  key: (session) => sessionKey(session.id),
  indexes: {
    gsi1: (session) => ({
      pk: sessionsOfGroupPartition(session.groupId),
      sk: key(session.date, session.id),
    }),
  },
});

/** The listing of a group's sessions, newest first. */
export function sessionsOfGroupQuery(groupId: string) {
  return { index: 'gsi1' as const, partition: sessionsOfGroupPartition(groupId), forward: false };
}
