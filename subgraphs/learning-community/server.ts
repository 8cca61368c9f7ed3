import { createSubgraphServer } from '#kernel/subgraph-server';
import { learningCommunitySdl } from '#schema/generated/learning-community';
import { learningCommunityRules } from './authorisation-rules.ts';
import { resolvers } from './resolvers/index.ts';

/** The learning community subgraph's Apollo Server, built once per process. */
export const server = createSubgraphServer({
  name: 'learning-community',
  typeDefs: learningCommunitySdl,
  resolvers,
  rules: learningCommunityRules,
});
