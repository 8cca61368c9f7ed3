import { createSubgraphServer } from '#kernel/subgraph-server';
import { companiesSdl } from '#schema/generated/companies';
import { companiesRules } from './authorisation-rules.ts';
import { resolvers } from './resolvers/index.ts';

/** The companies subgraph's Apollo Server, built once per process. */
export const server = createSubgraphServer({
  name: 'companies',
  typeDefs: companiesSdl,
  resolvers,
  rules: companiesRules,
});
