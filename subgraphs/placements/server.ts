import { createSubgraphServer } from '#kernel/subgraph-server';
import { placementsSdl } from '#schema/generated/placements';
import { placementsRules } from './authorisation-rules.ts';
import { resolvers } from './resolvers/index.ts';

/** The placements subgraph's Apollo Server, built once per process. */
export const server = createSubgraphServer({
  name: 'placements',
  typeDefs: placementsSdl,
  resolvers,
  rules: placementsRules,
});
