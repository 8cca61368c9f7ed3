import * as z from 'zod';
import { EntityIdSchema, IsoDateSchema, textSchema } from '#kernel/validation';
import {
  MAX_CONTACT_MINUTES,
  PSYCHOLOGIST_CONTACT_KINDS,
  PSYCHOLOGIST_REFERRALS,
} from './psychologist-contact.ts';

/** The input of `recordPsychologistContact`. */
export const RecordPsychologistContactInputSchema = z.object({
  youthId: EntityIdSchema,
  on: IsoDateSchema,
  kind: z.enum(PSYCHOLOGIST_CONTACT_KINDS),
  minutes: z.number().int().min(1).max(MAX_CONTACT_MINUTES),
  referralMade: z.enum(PSYCHOLOGIST_REFERRALS),
  followUp: z
    .object({ on: IsoDateSchema, note: textSchema().nullish() })
    .nullish()
    .transform((followUp) => (followUp ? { on: followUp.on, note: followUp.note ?? null } : null)),
});
