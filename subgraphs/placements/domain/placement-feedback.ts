import * as z from 'zod';
import { EntityIdSchema, textSchema } from '#kernel/validation';
import {
  FEEDBACK_OCCASIONS,
  type FeedbackOccasion,
  PARTICIPANT_SIDES,
  type ParticipantSide,
} from './participant-task.ts';

/**
 * Feedback on a placement from the young person or the company, at the midway evaluation or at
 * the end: a rating and, in the giver's own words, what worked and what to change. The words are
 * the young person's personal data, stored as text like notes and reflections (the rules mark
 * them personal; the art. 15 export returns them); the rating is what the figures and the
 * evaluation export count.
 */

/** Feedback as stored. */
export const PlacementFeedbackSchema = z.object({
  /** One per placement, side and occasion (`feedbackId`). */
  id: z.string(),
  placementId: z.string(),
  youthId: z.string(),
  companyId: z.string(),
  municipalityCode: z.string(),
  side: z.enum(PARTICIPANT_SIDES),
  occasion: z.enum(FEEDBACK_OCCASIONS),
  rating: z.number().int().min(1).max(5),
  /** What worked, in the giver's words; null when left out. */
  whatWorked: z.string().nullable(),
  /** What to change, in the giver's words; null when left out. */
  whatToChange: z.string().nullable(),
  givenAt: z.string(),
  version: z.number().int().nonnegative(),
});

/** Feedback on a placement as stored. */
export type PlacementFeedback = z.infer<typeof PlacementFeedbackSchema>;

/** The id of one side's feedback at one occasion: the same placement, side and occasion is one. */
export function feedbackId(
  placementId: string,
  occasion: FeedbackOccasion,
  side: ParticipantSide,
): string {
  return `${placementId}_${occasion}_${side}`;
}

/** The input of feedback given. */
export const GivePlacementFeedbackInputSchema = z.object({
  placementId: EntityIdSchema,
  occasion: z
    .enum(FEEDBACK_OCCASIONS)
    .nullish()
    .transform((occasion) => occasion ?? null),
  rating: z.number().int('must be a whole number').min(1).max(5),
  whatWorked: textSchema()
    .nullish()
    .transform((text) => text ?? null),
  whatToChange: textSchema()
    .nullish()
    .transform((text) => text ?? null),
});

/** The input of feedback given. */
export type GivePlacementFeedbackInput = z.infer<typeof GivePlacementFeedbackInputSchema>;
