import { staffViewById } from '../domain/staff-queries.ts';
import type { SupportNoteResolvers } from '../generated/resolvers-types.ts';

/**
 * `SupportNote`: only reachable through `Youth.supportNotes`, whose rule (psychologist only)
 * already held; the author is shown as the reader may see them.
 */
export const SupportNote: SupportNoteResolvers = {
  author: (note, _args, context) => (note.authorId ? staffViewById(context, note.authorId) : null),
};
