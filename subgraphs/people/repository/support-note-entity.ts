import { defineEntity } from '#kernel/entity';
import { type ItemKey, key } from '#kernel/keys';
import type { TransactAction } from '#kernel/table/table';
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
  // Notes written before notes could be changed carry no version: they are at version 1.
  decode: (item) => ({ version: 1, ...item }),
});

/**
 * Changes a note's text if it is still at the version read. A note stored before notes had a
 * version has no such attribute and counts as version 1 (as it reads back), so no migration
 * has to stamp the old notes first.
 *
 * @param before - the note as read
 * @param text - the new text
 */
export function supportNoteTextChange(before: SupportNote, text: string): TransactAction {
  const current = '#version = :expectedVersion';
  return {
    update: supportNoteKey(before),
    spec: { set: { text, version: before.version + 1 } },
    condition: {
      expression: before.version === 1 ? `(attribute_not_exists(#version) OR ${current})` : current,
      names: { '#version': 'version' },
      values: { ':expectedVersion': before.version },
    },
  };
}
