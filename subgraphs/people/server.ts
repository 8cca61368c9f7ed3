import { createSubgraphServer } from '#kernel/subgraph-server';
import { peopleSdl } from '#schema/generated/people';
import { peopleRules } from './authorisation-rules.ts';
import { resolvers } from './resolvers/index.ts';

/** The people subgraph's Apollo Server, built once per process. */
export const server = createSubgraphServer({
  name: 'people',
  typeDefs: peopleSdl,
  resolvers,
  rules: peopleRules,
});
