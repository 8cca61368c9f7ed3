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
 * stored encrypted with the field cipher, bound to the young person and the feedback; the rating
 * is what the figures and the evaluation export count.
 */

/** Feedback as stored, its free text sealed by the field cipher. */
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
  /** The field cipher's ciphertext of what worked; null when left out. */
  whatWorkedSealed: z.string().nullable(),
  /** The field cipher's ciphertext of what to change; null when left out. */
  whatToChangeSealed: z.string().nullable(),
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

/** The free-text fields of feedback, as the cipher binds them. */
export type FeedbackTextField = 'whatWorked' | 'whatToChange';

/**
 * What a feedback text is bound to by the field cipher (its encryption context): the young
 * person and the field of this feedback, so a ciphertext copied elsewhere does not decrypt. The
 * keys are exactly those the KMS key policy allows (`field`, `youthId`).
 */
export function feedbackCipherContext(
  feedback: Pick<PlacementFeedback, 'id' | 'youthId'>,
  field: FeedbackTextField,
): Record<string, string> {
  return { youthId: feedback.youthId, field: `placementFeedback.${field}#${feedback.id}` };
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
