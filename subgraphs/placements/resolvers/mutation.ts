import { mutation } from '#kernel/command';
import { createPlacementCommand } from '../domain/create-placement.ts';
import { introduceYouthToCompanyCommand } from '../domain/introduction-commands.ts';
import {
  answerInvitationCommand,
  inviteYouthCommand,
  withdrawInvitationCommand,
} from '../domain/invitation-commands.ts';
import {
  completePlacementCheckpointCommand,
  recordFollowUpCommand,
  recordPlacementOutcomeCommand,
  startPlacementLifecycleCommand,
} from '../domain/lifecycle-commands.ts';
import {
  addMatchingEventParticipantsCommand,
  createMatchingEventCommand,
  recordMatchingEventNoteCommand,
} from '../domain/matching-event-commands.ts';
import { recordMatchingEventMeetingsCommand } from '../domain/matching-event-meetings.ts';
import {
  completeCheckpointCommand,
  completePlacementCommand,
  extendPlacementCommand,
  interruptPlacementCommand,
  startPlacementCommand,
} from '../domain/placement-course-commands.ts';
import { givePlacementFeedbackCommand } from '../domain/placement-feedback-commands.ts';
import {
  updatePlacementPlanCommand,
  writeMyReflectionCommand,
} from '../domain/placement-voice-commands.ts';
import { respondToWishCommand } from '../domain/wish-answer-commands.ts';
import { createWishCommand, withdrawWishCommand } from '../domain/wish-commands.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';

/** Mutations of the placements subgraph: each runs its command the one way (`runCommand`). */
export const Mutation: MutationResolvers = {
  createMatchingEvent: mutation(createMatchingEventCommand, 'matchingEvent'),
  addMatchingEventParticipants: mutation(addMatchingEventParticipantsCommand, 'matchingEvent'),
  recordMatchingEventNote: mutation(recordMatchingEventNoteCommand, 'participation'),
  createWish: mutation(createWishCommand, 'wish'),
  withdrawWish: mutation(withdrawWishCommand, 'wish'),
  introduceYouthToCompany: mutation(introduceYouthToCompanyCommand, 'introduction'),
  inviteYouth: mutation(inviteYouthCommand, 'invitation'),
  answerInvitation: mutation(answerInvitationCommand, 'invitation'),
  withdrawInvitation: mutation(withdrawInvitationCommand, 'invitation'),
  createPlacement: mutation(createPlacementCommand, 'placement'),
  startPlacement: mutation(startPlacementCommand, 'placement'),
  completeCheckpoint: mutation(completeCheckpointCommand, 'placement'),
  extendPlacement: mutation(extendPlacementCommand, 'placement'),
  completePlacement: mutation(completePlacementCommand, 'placement'),
  interruptPlacement: mutation(interruptPlacementCommand, 'placement'),
  startPlacementLifecycle: mutation(startPlacementLifecycleCommand, 'placement'),
  completePlacementCheckpoint: mutation(completePlacementCheckpointCommand, 'placement'),
  recordPlacementOutcome: mutation(recordPlacementOutcomeCommand, 'placement'),
  recordFollowUp: mutation(recordFollowUpCommand, 'placement'),
  respondToWish: mutation(respondToWishCommand, 'wish'),
  writeMyReflection: mutation(writeMyReflectionCommand, 'placement'),
  updatePlacementPlan: mutation(updatePlacementPlanCommand, 'placement'),
  givePlacementFeedback: mutation(givePlacementFeedbackCommand, 'feedback'),
  recordMatchingEventMeetings: mutation(recordMatchingEventMeetingsCommand, 'matchingEvent'),
};
