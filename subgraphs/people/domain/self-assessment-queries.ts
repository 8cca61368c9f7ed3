import type { SubgraphContext } from '#kernel/context';
import {
  listSelfAssessments,
  loadSelfAssessments,
} from '../repository/self-assessment-repository.ts';
import { byWhenAnswered, ENROLMENT_OCCASION, type SelfAssessment } from './self-assessment.ts';
import type { YouthView } from './youth-access.ts';

/**
 * A young person's self-assessments, oldest first: their trajectory (its rule:
 * `YOUTH_FIELD_ACCESS.selfAssessments`). One query of their item collection.
 *
 * @param context - the request
 * @param view - the young person as the caller sees them
 */
export async function selfAssessmentsOf(
  context: SubgraphContext,
  view: YouthView,
): Promise<SelfAssessment[]> {
  const assessments = await listSelfAssessments(context.table, view.youth.id);
  return assessments.sort(byWhenAnswered);
}

/**
 * Whether the young person's enrolment self-assessment is still to be answered (its rule:
 * `YOUTH_FIELD_ACCESS.selfAssessmentDue`). Through the request's loader, so a page of young
 * people costs one batch.
 *
 * @param context - the request
 * @param view - the young person as the caller sees them
 */
export async function selfAssessmentDueOf(
  context: SubgraphContext,
  view: YouthView,
): Promise<boolean> {
  const [enrolment] = await loadSelfAssessments(
    context.loader,
    [view.youth.id],
    ENROLMENT_OCCASION,
  );
  return enrolment === undefined;
}
