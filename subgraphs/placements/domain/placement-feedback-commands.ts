import { defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { ParticipantTaskEntity } from '../repository/participant-task-entity.ts';
import { loadParticipantTasks } from '../repository/participant-task-repository.ts';
import { loadFeedback, PlacementFeedbackEntity } from '../repository/placement-feedback-entity.ts';
import { loadPlacement } from '../repository/placement-repository.ts';
import { stageCounterChanges } from '../repository/placement-stats-entity.ts';
import { feedbackContribution, feedbackFacts } from './feedback-figures.ts';
import {
  FEEDBACK_OCCASIONS,
  type FeedbackOccasion,
  feedbackTaskId,
  type ParticipantSide,
  type ParticipantTask,
} from './participant-task.ts';
import type { Placement } from './placement.ts';
import {
  feedbackId,
  GivePlacementFeedbackInputSchema,
  type PlacementFeedback,
} from './placement-feedback.ts';
import { broken, RULE } from './rules.ts';

/** The caller's side of a placement; the mutation's rule admits the young person and the company. */
function sideOf(context: SubgraphContext, placement: Placement): ParticipantSide {
  const identity = context.identity;
  if (identity?.role === 'YOUTH' && identity.youthId === placement.youthId) return 'YOUTH';
  if (identity?.role === 'COMPANY_CONTACT' && identity.companyId === placement.companyId) {
    return 'COMPANY';
  }
  // Not a party: answered as a placement that does not exist (the rule refused it before).
  throw broken(RULE.PLACEMENT_NOT_FOUND, 'No such placement', ['placementId']);
}

const ENDED = new Set<Placement['status']>(['COMPLETED', 'INTERRUPTED']);

/**
 * The occasion the feedback is for, or the rule it breaks. Left out, the side's open feedback
 * task decides (midway before end). Named, midway needs the placement under way (or past), the
 * end needs its task opened or the placement ended (an interrupted placement's lifecycle asks
 * no feedback at the end, but its parties may still give it). Pure.
 *
 * @param placement - the placement
 * @param requested - the occasion the input names, or null
 * @param tasks - the side's feedback tasks by occasion, as stored
 */
export function feedbackOccasionOf(
  placement: Placement,
  requested: FeedbackOccasion | null,
  tasks: Partial<Record<FeedbackOccasion, ParticipantTask>>,
): FeedbackOccasion {
  if (requested === null) {
    const open = FEEDBACK_OCCASIONS.find((occasion) => tasks[occasion]?.status === 'OPEN');
    if (open) return open;
    throw broken(RULE.FEEDBACK_NOT_DUE, 'No feedback on this placement is asked for now', [
      'occasion',
    ]);
  }
  const due =
    requested === 'MIDWAY'
      ? placement.status !== 'PLANNED'
      : tasks.END !== undefined || ENDED.has(placement.status);
  if (!due) {
    throw broken(RULE.FEEDBACK_NOT_DUE, `Feedback at ${requested} is not due yet`, ['occasion']);
  }
  return requested;
}

/**
 * Feedback on a placement by the young person on their own placement or a contact of its
 * company: one per placement, side and occasion (a second is `ALREADY_GIVEN`; created on
 * condition it does not exist, so a race makes one too), and the side's task of that occasion closed in the same transaction,
 * which also counts it in the municipality's feedback figures (`feedback-figures.ts`).
 */
export const givePlacementFeedbackCommand = defineCommand({
  name: 'givePlacementFeedback',
  input: GivePlacementFeedbackInputSchema,
  async execute(context, input, work): Promise<PlacementFeedback> {
    const placement = await loadPlacement(context.loader, input.placementId);
    if (!placement) throw broken(RULE.PLACEMENT_NOT_FOUND, 'No such placement', ['placementId']);
    const side = sideOf(context, placement);
    const stored = await loadParticipantTasks(
      context.loader,
      placement.youthId,
      FEEDBACK_OCCASIONS.map((occasion) => feedbackTaskId(placement.id, occasion, side)),
    );
    const tasks: Partial<Record<FeedbackOccasion, ParticipantTask>> = {};
    FEEDBACK_OCCASIONS.forEach((occasion, i) => {
      const task = stored[i];
      if (task) tasks[occasion] = task;
    });
    const occasion = feedbackOccasionOf(placement, input.occasion, tasks);
    const id = feedbackId(placement.id, occasion, side);
    if (await loadFeedback(context.loader, placement.youthId, id)) {
      throw broken(RULE.ALREADY_GIVEN, 'Feedback at this occasion was given already', ['occasion']);
    }
    const givenAt = context.now().toISOString();
    const feedback = work.create(PlacementFeedbackEntity, {
      id,
      placementId: placement.id,
      youthId: placement.youthId,
      companyId: placement.companyId,
      municipalityCode: placement.municipalityCode,
      side,
      occasion,
      rating: input.rating,
      whatWorked: input.whatWorked,
      whatToChange: input.whatToChange,
      givenAt,
      version: 1,
    });
    stageCounterChanges(work, feedbackContribution(feedbackFacts(feedback)));
    const task = tasks[occasion];
    if (task?.status === 'OPEN') {
      work.replace(ParticipantTaskEntity, task, { ...task, status: 'DONE', doneAt: givenAt });
    }
    return feedback;
  },
  remember: (feedback) => ({ id: feedback.id, youthId: feedback.youthId }),
  async recall(context, remembered) {
    const { id, youthId } = remembered as { id: string; youthId: string };
    const feedback = await loadFeedback(context.loader, youthId, id);
    if (!feedback) throw new Error('The feedback of an earlier change is gone');
    return feedback;
  },
});
