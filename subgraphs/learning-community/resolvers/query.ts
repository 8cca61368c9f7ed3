import { EntityIdSchema, parseInput } from '#kernel/validation';
import { findNetworkGroup } from '../domain/network-group-queries.ts';
import { findNetworkSession } from '../domain/network-session-queries.ts';
import { parsePage } from '../domain/page.ts';
import { parseLearningSearch } from '../domain/practice-learning.ts';
import {
  findGathering,
  findGatherings,
  findPracticeLearning,
  findPracticeLearnings,
  findTrainings,
} from '../domain/united-queries.ts';
import { findWorkStory } from '../domain/work-story-queries.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';

/** Root queries of the learning community subgraph; each checks who asks in the domain call. */
export const Query: QueryResolvers = {
  networkGroup: (_parent, args, context) =>
    findNetworkGroup(context, parseInput(EntityIdSchema, args.id)),
  networkSession: (_parent, args, context) =>
    findNetworkSession(context, parseInput(EntityIdSchema, args.id)),
  workStory: (_parent, args, context) =>
    findWorkStory(context, parseInput(EntityIdSchema, args.id)),
  practiceLearnings: (_parent, args, context) =>
    findPracticeLearnings(context, parseLearningSearch(args.search), parsePage(args)),
  practiceLearning: (_parent, args, context) =>
    findPracticeLearning(context, parseInput(EntityIdSchema, args.id)),
  unitedGatherings: (_parent, args, context) => findGatherings(context, parsePage(args)),
  unitedGathering: (_parent, args, context) =>
    findGathering(context, parseInput(EntityIdSchema, args.id)),
  teamTrainings: (_parent, args, context) => findTrainings(context, parsePage(args)),
};
