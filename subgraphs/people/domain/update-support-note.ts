import * as z from 'zod';
import { defineCommand } from '#kernel/command';
import { DomainRuleError, requireVersion } from '#kernel/errors';
import type { Table } from '#kernel/table/table';
import { supportNoteTextChange } from '../repository/support-note-entity.ts';
import { listSupportNotes, loadOneYouth, youthExists } from '../repository/youth-repository.ts';
import type { SupportNote } from './support-note.ts';
import { UpdateSupportNoteInputSchema } from './youth-inputs.ts';
import { requireYouthFound } from './youth-rules.ts';

/** The user error of a note id the young person has no note by. */
export const SUPPORT_NOTE_NOT_FOUND = 'SUPPORT_NOTE_NOT_FOUND';

const RememberedNoteSchema = z.object({ youthId: z.string(), noteId: z.string() });

/** The young person's note of that id, read from their collection (one query of their notes). */
async function noteOf(
  table: Table,
  youthId: string,
  noteId: string,
): Promise<SupportNote | undefined> {
  const notes = await listSupportNotes(table, youthId);
  return notes.find((note) => note.id === noteId);
}

/**
 * `updateSupportNote`: the psychologist of the young person's municipality (the psychologist who
 * may read the note — the rule admits no one else) changes a note's text, at the version they
 * read: `CONFLICT` naming the current version otherwise. The day and the author stay; the note
 * holds only while the young person exists.
 */
export const updateSupportNoteCommand = defineCommand({
  name: 'updateSupportNote',
  input: UpdateSupportNoteInputSchema,
  async execute(context, input, work) {
    const youth = requireYouthFound(await loadOneYouth(context.loader, input.youthId));
    const note = await noteOf(context.table, youth.id, input.noteId);
    if (!note) {
      throw new DomainRuleError(SUPPORT_NOTE_NOT_FOUND, 'The young person has no such note', [
        'noteId',
      ]);
    }
    requireVersion('The support note', input.expectedVersion, note.version);
    work.add(supportNoteTextChange(note, input.text), youthExists(youth.id));
    return { ...note, text: input.text, version: note.version + 1 };
  },
  // The note's ids only: its text is the psychologist's and stays in the young person's items.
  remember: (note) => ({ youthId: note.youthId, noteId: note.id }),
  async recall(context, remembered) {
    const { youthId, noteId } = RememberedNoteSchema.parse(remembered);
    return requireYouthFound(await noteOf(context.table, youthId, noteId));
  },
});
