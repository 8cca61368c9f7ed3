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

const OCCASION_ORDER: Readonly<Record<SelfAssessmentOccasion, number>> = {
  ENROLMENT: 0,
  CHECKPOINT: 1,
  FOLLOW_UP: 2,
};

/**
 * The order assessments were answered in: by instant, and answers of the same instant (records
 * carried over, an anonymised copy) by occasion, enrolment first — so first and latest never
 * depend on how the table happened to list them.
 *
 * @param a - one assessment
 * @param b - another
 */
export function byWhenAnswered(
  a: Pick<SelfAssessment, 'recordedAt' | 'occasion'>,
  b: Pick<SelfAssessment, 'recordedAt' | 'occasion'>,
): number {
  return (
    a.recordedAt.localeCompare(b.recordedAt) ||
    OCCASION_ORDER[a.occasion] - OCCASION_ORDER[b.occasion]
  );
}
