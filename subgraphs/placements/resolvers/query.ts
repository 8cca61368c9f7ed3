import { EntityIdSchema, parseInput } from '#kernel/validation';
import { findInvitation } from '../domain/invitation-queries.ts';
import { myLifecycleTasks } from '../domain/lifecycle-queries.ts';
import { findMatchingEvent } from '../domain/matching-event-queries.ts';
import { myTasks } from '../domain/participant-task-queries.ts';
import { findPlacement } from '../domain/placement-queries.ts';
import { findWish } from '../domain/wish-queries.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';

/** Root queries of the placements subgraph. */
export const Query: QueryResolvers = {
  placement: (_parent, args, context) =>
    findPlacement(context, parseInput(EntityIdSchema, args.id)),
  wish: (_parent, args, context) => findWish(context, parseInput(EntityIdSchema, args.id)),
  invitation: (_parent, args, context) =>
    findInvitation(context, parseInput(EntityIdSchema, args.id)),
  matchingEvent: (_parent, args, context) =>
    findMatchingEvent(context, parseInput(EntityIdSchema, args.id)),
  myLifecycleTasks: (_parent, args, context) =>
    myLifecycleTasks(context, args.scope ?? 'ASSIGNED_TO_ME', args),
  myTasks: (_parent, _args, context) => myTasks(context),
};
