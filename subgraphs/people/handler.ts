import { createSubgraphLambdaHandler, createSubgraphRuntime } from '#kernel/subgraph-server';
import { server } from './server.ts';

/** Lambda entry of the people subgraph. */
export const handler = createSubgraphLambdaHandler(server, createSubgraphRuntime('people'));
