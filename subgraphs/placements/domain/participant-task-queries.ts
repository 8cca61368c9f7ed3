import type { SubgraphContext } from '#kernel/context';
import { ForbiddenError } from '#kernel/errors';
import { sharedKeys } from '#kernel/shared-keys';
import {
  listOpenTasksOfCompany,
  listParticipantTasksOfPlacement,
  listTasksOfYouth,
  withDoneness,
} from '../repository/participant-task-repository.ts';
import { listFeedbackOfPlacement } from '../repository/placement-feedback-entity.ts';
import { loadOneYouthFacts } from '../repository/shared-items.ts';
import {
  ENROLMENT_ASSESSMENT_OCCASION,
  enrolmentSelfAssessmentTask,
  FEEDBACK_OCCASIONS,
  PARTICIPANT_SIDES,
  type ParticipantTask,
  type ParticipantTaskView,
} from './participant-task.ts';
import type { Placement } from './placement.ts';
import type { PlacementFeedback } from './placement-feedback.ts';

/**
 * Reading the participants' tasks and feedback: what a participant has to do, and what the team
 * sees of it on a placement. The fields' rules (`participant-authorisation-rules.ts`) decide who
 * may ask; these filter each list to the caller.
 */

const byDue = (a: ParticipantTaskView, b: ParticipantTaskView) =>
  a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id);

/**
 * The young person's enrolment self-assessment while it is unanswered: their facts and people's
 * answer read in one batch of the loader.
 */
async function enrolmentTaskOf(
  context: SubgraphContext,
  youthId: string,
): Promise<ParticipantTaskView[]> {
  const [youth, [answer]] = await Promise.all([
    loadOneYouthFacts(context.loader, youthId),
    context.loader.loadMany([sharedKeys.selfAssessment(youthId, ENROLMENT_ASSESSMENT_OCCASION)]),
  ]);
  if (answer instanceof Error) throw answer;
  if (!youth || answer) return [];
  return [enrolmentSelfAssessmentTask(youth, context.now().toISOString().slice(0, 10))];
}

/**
 * The caller's open participant tasks, earliest due first: a young person's own (one query of
 * their collection, beside one batch for their enrolment self-assessment), a company contact's
 * company's feedback tasks (one query of gsi1), each with the self-assessments answered read in
 * one batch.
 *
 * @param context - the request's context
 */
export async function myTasks(context: SubgraphContext): Promise<ParticipantTaskView[]> {
  const identity = context.identity;
  let tasks: ParticipantTask[];
  let enrolment: ParticipantTaskView[] = [];
  if (identity?.role === 'YOUTH') {
    // The company's feedback tasks live in the young person's collection too: never theirs.
    const [own, unanswered] = await Promise.all([
      listTasksOfYouth(context.table, identity.youthId),
      enrolmentTaskOf(context, identity.youthId),
    ]);
    tasks = own.filter((task) => task.assignee === 'YOUTH');
    enrolment = unanswered;
  } else if (identity?.role === 'COMPANY_CONTACT') {
    tasks = await listOpenTasksOfCompany(context.table, identity.companyId);
  } else {
    // The field's rule refuses everyone else first; this keeps the query from guessing.
    throw new ForbiddenError('myTasks is for young people and company contacts');
  }
  const open = tasks.filter((task) => task.status === 'OPEN');
  const views = await withDoneness(context.loader, open);
  return [...enrolment, ...views.filter((task) => !task.done)].sort(byDue);
}

/** A placement's participant tasks in the order they opened, with whether each is answered. */
export async function participantTasksOf(
  context: SubgraphContext,
  placement: Placement,
): Promise<ParticipantTaskView[]> {
  const tasks = await listParticipantTasksOfPlacement(context.table, placement);
  const views = await withDoneness(context.loader, tasks);
  return views.sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id));
}

const order = (feedback: PlacementFeedback) =>
  FEEDBACK_OCCASIONS.indexOf(feedback.occasion) * 2 + PARTICIPANT_SIDES.indexOf(feedback.side);

/**
 * The feedback on a placement the caller may read, midway first: all of it for the young person
 * and the team, the company's own side for a company contact.
 *
 * @param context - the request's context
 * @param placement - the placement (its rule admitted the caller)
 */
export async function feedbackOf(
  context: SubgraphContext,
  placement: Placement,
): Promise<PlacementFeedback[]> {
  const all = await listFeedbackOfPlacement(context.table, placement);
  const mine =
    context.identity?.role === 'COMPANY_CONTACT'
      ? all.filter((feedback) => feedback.side === 'COMPANY')
      : all;
  return mine.sort((a, b) => order(a) - order(b));
}
