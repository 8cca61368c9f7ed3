import { mutation } from '#kernel/command';
import {
  addNetworkGroupMembersCommand,
  createNetworkGroupCommand,
  removeNetworkGroupMembersCommand,
  updateNetworkGroupCommand,
} from '../domain/network-group-commands.ts';
import {
  recordSessionAttendanceCommand,
  scheduleNetworkSessionCommand,
  updateNetworkSessionCommand,
} from '../domain/network-session-commands.ts';
import { sharePracticeLearningCommand } from '../domain/practice-learning-commands.ts';
import {
  answerSuggestionCommand,
  markSuggestionActedOnCommand,
  suggestToNetworkCommand,
} from '../domain/suggestion-commands.ts';
import {
  planUnitedGatheringCommand,
  recordGatheringOutcomesCommand,
  recordTeamTrainingCommand,
} from '../domain/united-commands.ts';
import {
  shareWorkStoryCommand,
  updateWorkStoryCommand,
  writeWorkStoryCommand,
} from '../domain/work-story-commands.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';

/**
 * Every mutation of the learning community subgraph: each runs its command the kernel's one
 * way (`#kernel/command`), which parses the input, answers a repeated idempotency key, commits
 * the change with its audit record and returns broken rules in `errors`. Who may run each is
 * its rule in `authorisation-rules.ts`.
 */
export const Mutation: MutationResolvers = {
  createNetworkGroup: mutation(createNetworkGroupCommand, 'group'),
  updateNetworkGroup: mutation(updateNetworkGroupCommand, 'group'),
  addNetworkGroupMembers: mutation(addNetworkGroupMembersCommand, 'group'),
  removeNetworkGroupMembers: mutation(removeNetworkGroupMembersCommand, 'group'),
  scheduleNetworkSession: mutation(scheduleNetworkSessionCommand, 'session'),
  updateNetworkSession: mutation(updateNetworkSessionCommand, 'session'),
  recordSessionAttendance: mutation(recordSessionAttendanceCommand, 'session'),
  writeWorkStory: mutation(writeWorkStoryCommand, 'story'),
  updateWorkStory: mutation(updateWorkStoryCommand, 'story'),
  shareWorkStory: mutation(shareWorkStoryCommand, 'story'),
  sharePracticeLearning: mutation(sharePracticeLearningCommand, 'learning'),
  planUnitedGathering: mutation(planUnitedGatheringCommand, 'gathering'),
  recordGatheringOutcomes: mutation(recordGatheringOutcomesCommand, 'gathering'),
  recordTeamTraining: mutation(recordTeamTrainingCommand, 'training'),
  suggestToNetwork: mutation(suggestToNetworkCommand, 'suggestion'),
  answerSuggestion: mutation(answerSuggestionCommand, 'suggestion'),
  markSuggestionActedOn: mutation(markSuggestionActedOnCommand, 'suggestion'),
};
