import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { networkGroupMutations } from './mutation/network-groups.ts';
import { networkSessionMutations } from './mutation/network-sessions.ts';
import { unitedMutations } from './mutation/united.ts';
import { workStoryMutations } from './mutation/work-stories.ts';

/**
 * Every mutation of the learning community subgraph. Each parses its input (malformed is
 * `BAD_USER_INPUT`), checks the caller in the domain and returns broken rules in `errors`.
 */
export const Mutation: MutationResolvers = {
  ...networkGroupMutations,
  ...networkSessionMutations,
  ...workStoryMutations,
  ...unitedMutations,
};
