import * as z from 'zod';
import { EntityIdSchema, IsoDateSchema, textSchema } from '#kernel/validation';

/** A psychologist's note about the support a young person receives. */
export const SupportNoteSchema = z.object({
  id: EntityIdSchema,
  youthId: EntityIdSchema,
  date: IsoDateSchema,
  text: textSchema(),
  /** The psychologist who wrote it; null for notes carried over from before NEXTWORK. */
  authorId: EntityIdSchema.nullable(),
  /** Raised by every change of the text (`updateSupportNote`); notes stored before it are 1. */
  version: z.number().int().positive(),
});

/** A support note. */
export type SupportNote = z.infer<typeof SupportNoteSchema>;
