import * as z from 'zod';
import { requireIdentity } from '#kernel/authorisation';
import { defineCommand } from '#kernel/command';
import { newId } from '#kernel/keys';
import { SupportNoteEntity } from '../repository/support-note-entity.ts';
import { listSupportNotes, loadOneYouth, youthExists } from '../repository/youth-repository.ts';
import type { SupportNote } from './support-note.ts';
import { todayOf } from './youth-command-support.ts';
import { AddSupportNoteInputSchema } from './youth-inputs.ts';
import { requireInYouthsTime, requireNotInFuture, requireYouthFound } from './youth-rules.ts';

const RememberedNoteSchema = z.object({ youthId: z.string(), noteId: z.string() });

/**
 * `addSupportNote`: the psychologist of the young person's municipality adds a note to the
 * young person's item collection, which holds only while the young person exists (an erasure
 * meanwhile fails it).
 */
export const addSupportNoteCommand = defineCommand({
  name: 'addSupportNote',
  input: AddSupportNoteInputSchema,
  async execute(context, input, work) {
    const identity = requireIdentity(context);
    const youth = requireYouthFound(await loadOneYouth(context.loader, input.youthId));
    const today = todayOf(context);
    const date = input.date ?? today;
    requireNotInFuture(date, today, ['date']);
    requireInYouthsTime(date, youth, ['date']);
    const note: SupportNote = {
      id: newId(context.now().getTime()),
      youthId: youth.id,
      date,
      text: input.text,
      authorId: 'staffId' in identity ? identity.staffId : null,
      version: 1,
    };
    work.create(SupportNoteEntity, note);
    work.add(youthExists(youth.id));
    return note;
  },
  // The note's ids only: its text is the psychologist's and stays in the young person's items.
  remember: (note) => ({ youthId: note.youthId, noteId: note.id }),
  async recall(context, remembered) {
    const { youthId, noteId } = RememberedNoteSchema.parse(remembered);
    const notes = await listSupportNotes(context.table, youthId);
    return requireYouthFound(notes.find((note) => note.id === noteId));
  },
});
