import { participantTaskTitle } from '../domain/participant-task.ts';
import { findPlacement } from '../domain/placement-queries.ts';
import type {
  ParticipantTaskResolvers,
  PlacementFeedbackResolvers,
} from '../generated/resolvers-types.ts';

async function placementOf(context: Parameters<typeof findPlacement>[0], placementId: string) {
  const placement = await findPlacement(context, placementId);
  if (!placement) throw new Error('A participant task or feedback without its placement');
  return placement;
}

/** `ParticipantTask`: a self-assessment or feedback the lifecycle asked of a participant. */
export const ParticipantTask: ParticipantTaskResolvers = {
  title: (task) => participantTaskTitle(task),
  placement: (task, _args, context) =>
    task.placementId === null ? null : placementOf(context, task.placementId),
};

/** `PlacementFeedback`: one side's feedback at one occasion. */
export const PlacementFeedback: PlacementFeedbackResolvers = {
  placement: (feedback, _args, context) => placementOf(context, feedback.placementId),
};
