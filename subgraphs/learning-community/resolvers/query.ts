import { findNetworkGroup } from '../domain/network-group-queries.ts';
import { findNetworkSession } from '../domain/network-session-queries.ts';
import { parseLearningSearch } from '../domain/practice-learning.ts';
import { findSuggestion, suggestionsOfCaller } from '../domain/suggestion-queries.ts';
import {
  findGathering,
  findGatherings,
  findPracticeLearning,
  findPracticeLearnings,
  findTrainings,
} from '../domain/united-queries.ts';
import { findWorkStory } from '../domain/work-story-queries.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { parseId, parsePage } from './arguments.ts';

/** Root queries of the learning community subgraph; who may ask is each field's rule. */
export const Query: QueryResolvers = {
  networkGroup: (_parent, args, context) => findNetworkGroup(context, parseId(args.id)),
  networkSession: (_parent, args, context) => findNetworkSession(context, parseId(args.id)),
  workStory: (_parent, args, context) => findWorkStory(context, parseId(args.id)),
  practiceLearnings: (_parent, args, context) =>
    findPracticeLearnings(context, parseLearningSearch(args.search), parsePage(args)),
  practiceLearning: (_parent, args, context) => findPracticeLearning(context, parseId(args.id)),
  unitedGatherings: (_parent, args, context) => findGatherings(context, parsePage(args)),
  unitedGathering: (_parent, args, context) => findGathering(context, parseId(args.id)),
  teamTrainings: (_parent, args, context) => findTrainings(context, parsePage(args)),
  mySuggestions: (_parent, args, context) => suggestionsOfCaller(context, parsePage(args)),
  suggestion: (_parent, args, context) => findSuggestion(context, parseId(args.id)),
};
