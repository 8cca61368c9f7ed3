import { createSubgraphLambdaHandler, createSubgraphRuntime } from '#kernel/subgraph-server';
import { server } from './server.ts';

/** Lambda entry of the learning community subgraph. */
export const handler = createSubgraphLambdaHandler(
  server,
  createSubgraphRuntime('learning-community'),
);
