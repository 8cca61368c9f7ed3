import { defineEntity } from '#kernel/entity';
import { type ItemKey, key } from '#kernel/keys';
import { type SupportNote, SupportNoteSchema } from '../domain/support-note.ts';
import { youthKey } from './youth-entity.ts';

/**
 * A support note lives in the young person's item collection (`sk NOTE#<date>#<id>`), so it is
 * read with them and erased with them.
 */

const NOTE_PREFIX = 'NOTE';

/** The sort key prefix of a young person's support notes. */
export const SUPPORT_NOTE_PREFIX = `${NOTE_PREFIX}#`;

/** Primary key of a support note. */
export function supportNoteKey(note: Pick<SupportNote, 'youthId' | 'date' | 'id'>): ItemKey {
  return { pk: youthKey(note.youthId).pk, sk: key(NOTE_PREFIX, note.date, note.id) };
}

/** A psychologist's support note. */
export const SupportNoteEntity = defineEntity<SupportNote>({
  name: 'SupportNote',
  schema: SupportNoteSchema,
  key: supportNoteKey,
});
