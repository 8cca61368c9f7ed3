import { payload } from '#kernel/payload';
import {
  answerInvitation,
  inviteYouth,
  withdrawInvitation,
} from '../domain/invitation-commands.ts';
import {
  completePlacementCheckpoint,
  recordFollowUp,
  recordPlacementOutcome,
  startPlacementLifecycle,
} from '../domain/lifecycle-commands.ts';
import {
  addMatchingEventParticipants,
  createMatchingEvent,
  recordMatchingEventNote,
} from '../domain/matching-event-commands.ts';
import {
  completeCheckpoint,
  completePlacement,
  createPlacement,
  extendPlacement,
  interruptPlacement,
  startPlacement,
} from '../domain/placement-commands.ts';
import { createWish, withdrawWish } from '../domain/wish-commands.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';

/** Mutations of the placements subgraph: each maps its input to one domain command. */
export const Mutation: MutationResolvers = {
  createMatchingEvent: (_parent, args, context) =>
    payload('matchingEvent', () => createMatchingEvent(context, args.input)),
  addMatchingEventParticipants: (_parent, args, context) =>
    payload('matchingEvent', () => addMatchingEventParticipants(context, args.input)),
  recordMatchingEventNote: (_parent, args, context) =>
    payload('participation', () => recordMatchingEventNote(context, args.input)),
  createWish: (_parent, args, context) => payload('wish', () => createWish(context, args.input)),
  withdrawWish: (_parent, args, context) =>
    payload('wish', () => withdrawWish(context, args.input)),
  inviteYouth: (_parent, args, context) =>
    payload('invitation', () => inviteYouth(context, args.input)),
  answerInvitation: (_parent, args, context) =>
    payload('invitation', () => answerInvitation(context, args.input)),
  withdrawInvitation: (_parent, args, context) =>
    payload('invitation', () => withdrawInvitation(context, args.input)),
  createPlacement: (_parent, args, context) =>
    payload('placement', () => createPlacement(context, args.input, context.services.workflows())),
  startPlacement: (_parent, args, context) =>
    payload('placement', () => startPlacement(context, args.input, context.services.workflows())),
  completeCheckpoint: (_parent, args, context) =>
    payload('placement', () => completeCheckpoint(context, args.input)),
  extendPlacement: (_parent, args, context) =>
    payload('placement', () => extendPlacement(context, args.input)),
  completePlacement: (_parent, args, context) =>
    payload('placement', () => completePlacement(context, args.input)),
  interruptPlacement: (_parent, args, context) =>
    payload('placement', () =>
      interruptPlacement(context, args.input, context.services.workflows()),
    ),
  startPlacementLifecycle: (_parent, args, context) =>
    payload('placement', () =>
      startPlacementLifecycle(context, args.input, context.services.workflows()),
    ),
  completePlacementCheckpoint: (_parent, args, context) =>
    payload('placement', () =>
      completePlacementCheckpoint(context, args.input, context.services.workflows()),
    ),
  recordPlacementOutcome: (_parent, args, context) =>
    payload('placement', () =>
      recordPlacementOutcome(context, args.input, context.services.workflows()),
    ),
  recordFollowUp: (_parent, args, context) =>
    payload('placement', () => recordFollowUp(context, args.input, context.services.workflows())),
};
