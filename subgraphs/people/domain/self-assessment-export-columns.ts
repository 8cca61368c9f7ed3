import { byWhenAnswered, overallScore, type SelfAssessment } from './self-assessment.ts';
import { allSelfAssessmentItemKeys } from './self-assessment-items.ts';

/**
 * The evaluation dataset's self-assessment columns of one young person: numbers, days and codes
 * only (the scores, never the items' wording or anything typed). Pure: no I/O.
 */

/** The first or the latest assessment: its day, occasion and overall score. */
export interface AssessmentPoint {
  date: string;
  occasion: string;
  itemsVersion: number;
  /** The mean of its scores, 1 to 5. */
  overall: number;
}

/** A young person's self-assessment columns. */
export interface SelfAssessmentColumns {
  /** How many assessments they answered until the last day observed. */
  count: number;
  first: AssessmentPoint | null;
  latest: AssessmentPoint | null;
  /** Per item any version asked: its first and latest score (null where not answered). */
  items: Record<string, { first: number | null; latest: number | null }>;
}

function pointOf(assessment: SelfAssessment | undefined): AssessmentPoint | null {
  if (!assessment) return null;
  return {
    date: assessment.date,
    occasion: assessment.occasion,
    itemsVersion: assessment.itemsVersion,
    overall: Math.round(overallScore(assessment.scores) * 100) / 100,
  };
}

/**
 * The columns of a young person's assessments answered until a day.
 *
 * @param assessments - the young person's assessments, any order
 * @param until - the last day observed
 */
export function selfAssessmentColumnsOf(
  assessments: readonly SelfAssessment[],
  until: string,
): SelfAssessmentColumns {
  const observed = assessments
    .filter((assessment) => assessment.date <= until)
    .sort(byWhenAnswered);
  const first = observed[0];
  const latest = observed[observed.length - 1];
  const items: SelfAssessmentColumns['items'] = {};
  for (const key of allSelfAssessmentItemKeys()) {
    const answered = observed.filter((assessment) => assessment.scores[key] !== undefined);
    items[key] = {
      first: answered[0]?.scores[key] ?? null,
      latest: answered[answered.length - 1]?.scores[key] ?? null,
    };
  }
  return { count: observed.length, first: pointOf(first), latest: pointOf(latest), items };
}

/**
 * A municipality's assessments by young person, for the export's pages.
 *
 * @param assessments - the municipality's assessments
 */
export function byYouth(assessments: readonly SelfAssessment[]): Map<string, SelfAssessment[]> {
  const grouped = new Map<string, SelfAssessment[]>();
  for (const assessment of assessments) {
    const own = grouped.get(assessment.youthId) ?? [];
    own.push(assessment);
    grouped.set(assessment.youthId, own);
  }
  return grouped;
}
