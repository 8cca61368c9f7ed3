import { type ItemKey, key } from '#kernel/keys';
import type { Item } from '#kernel/table/table';
import type { SupportNote } from '../domain/support-note.ts';
import { youthKey } from './youth-entity.ts';

/**
 * A support note lives in the young person's item collection (`sk NOTE#<date>#<id>`), so it is
 * read with them and erased with them.
 */

/** The entity name stored on a support note item. */
export const SUPPORT_NOTE_ENTITY = 'SupportNote';

const NOTE_PREFIX = 'NOTE';

/** The sort key prefix of a young person's support notes. */
export const SUPPORT_NOTE_PREFIX = `${NOTE_PREFIX}#`;

/** Primary key of a support note. */
export function supportNoteKey(note: Pick<SupportNote, 'youthId' | 'date' | 'id'>): ItemKey {
  return { pk: youthKey(note.youthId).pk, sk: key(NOTE_PREFIX, note.date, note.id) };
}

/** The stored item of a support note. */
export function supportNoteToItem(note: SupportNote): Item {
  return {
    ...supportNoteKey(note),
    entity: SUPPORT_NOTE_ENTITY,
    id: note.id,
    youthId: note.youthId,
    date: note.date,
    text: note.text,
    authorId: note.authorId,
  };
}

/** A support note from its stored item. */
export function supportNoteFromItem(item: Item): SupportNote {
  return {
    id: String(item.id),
    youthId: String(item.youthId),
    date: String(item.date),
    text: String(item.text),
    authorId: typeof item.authorId === 'string' ? item.authorId : null,
  };
}
