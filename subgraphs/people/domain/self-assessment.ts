import * as z from 'zod';
import { EntityIdSchema, IsoDateSchema, MunicipalityCodeSchema } from '#kernel/validation';
import { SCALE_MAX, SCALE_MIN } from './self-assessment-items.ts';

/** The occasion of the enrolment assessment, as its key and its kind. */
export const ENROLMENT_OCCASION = 'ENROLMENT';

/**
 * When a self-assessment was asked: at enrolment, at a lifecycle checkpoint of a placement, or
 * at a follow-up after one (the kind of the participant task it answers).
 */
export const SelfAssessmentOccasionSchema = z.enum(['ENROLMENT', 'CHECKPOINT', 'FOLLOW_UP']);

/** When a self-assessment was asked. */
export type SelfAssessmentOccasion = z.infer<typeof SelfAssessmentOccasionSchema>;

/** A score on the self-assessment's scale. */
export const ScoreSchema = z.number().int().min(SCALE_MIN).max(SCALE_MAX);

/** A young person's answered self-assessment, one per occasion. */
export const SelfAssessmentSchema = z.object({
  youthId: EntityIdSchema,
  /** The young person's municipality when they answered: the figures' municipality. */
  municipalityCode: MunicipalityCodeSchema,
  /** `ENROLMENT`, or the id of the participant task it answers: one assessment per occasion. */
  occasionKey: z.string().min(1),
  occasion: SelfAssessmentOccasionSchema,
  /** The participant task answered; null at enrolment. */
  taskId: EntityIdSchema.nullable(),
  /** The placement whose checkpoint or follow-up asked it; null at enrolment. */
  placementId: EntityIdSchema.nullable(),
  /** The version of the items the answers were given under. */
  itemsVersion: z.number().int().positive(),
  /** Item key → score. */
  scores: z.record(z.string(), ScoreSchema),
  /** The day answered (Danish time). */
  date: IsoDateSchema,
  /** The instant answered. */
  recordedAt: z.iso.datetime(),
});

/** A self-assessment. */
export type SelfAssessment = z.infer<typeof SelfAssessmentSchema>;

/**
 * The overall score of an assessment: the mean of its scores, so that assessments under versions
 * with more items still compare.
 *
 * @param scores - item key → score
 */
export function overallScore(scores: Readonly<Record<string, number>>): number {
  const values = Object.values(scores);
  if (values.length === 0) return 0;
  return values.reduce((sum, score) => sum + score, 0) / values.length;
}
