import { defineEntity } from '#kernel/entity';
import { key, PREFIX } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import { type SelfAssessment, SelfAssessmentSchema } from '../domain/self-assessment.ts';

/**
 * A self-assessment lives in the young person's item collection under the shared key
 * `sharedKeys.selfAssessment(youthId, occasion)` — one per occasion, so a second answer to the
 * same occasion fails its `attribute_not_exists` — and is read, exported and erased with them.
 * It is listed on gsi1 by municipality and day, so the direction figures of a period are one
 * query of that municipality's assessments, never a scan.
 */

/** The sort key prefix of a young person's self-assessments in their collection. */
export const SELF_ASSESSMENT_PREFIX = sharedKeys.selfAssessment('x', '').sk;

/** The gsi1 partition of a municipality's self-assessments. */
export function municipalitySelfAssessmentPartition(municipalityCode: string): string {
  return key(PREFIX.municipality, municipalityCode, 'SELFASSESS');
}

/** A young person's answered self-assessment. */
export const SelfAssessmentEntity = defineEntity<SelfAssessment>({
  name: 'SelfAssessment',
  schema: SelfAssessmentSchema,
  key: (assessment) => sharedKeys.selfAssessment(assessment.youthId, assessment.occasionKey),
  indexes: {
    gsi1: (assessment) => ({
      pk: municipalitySelfAssessmentPartition(assessment.municipalityCode),
      sk: key(assessment.date, assessment.youthId, assessment.occasionKey),
    }),
  },
});
