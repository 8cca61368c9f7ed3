import { overallScore } from '../domain/self-assessment.ts';
import { selfAssessmentVersions } from '../domain/self-assessment-items.ts';
import type { SelfAssessmentResolvers } from '../generated/resolvers-types.ts';

/** The order an item was first asked in, so answers read as the app asks them. */
function itemOrder(): Map<string, number> {
  const order = new Map<string, number>();
  for (const { items } of selfAssessmentVersions()) {
    for (const { key } of items) if (!order.has(key)) order.set(key, order.size);
  }
  return order;
}

/**
 * `SelfAssessment`: only reachable through `Youth.selfAssessments` and `recordSelfAssessment`,
 * whose rules already held; the scores as answers in the items' order, and their mean.
 */
export const SelfAssessment: SelfAssessmentResolvers = {
  answers(assessment) {
    const order = itemOrder();
    return Object.entries(assessment.scores)
      .map(([itemKey, score]) => ({ itemKey, score }))
      .sort((a, b) => (order.get(a.itemKey) ?? 0) - (order.get(b.itemKey) ?? 0));
  },
  overall: (assessment) => overallScore(assessment.scores),
};
