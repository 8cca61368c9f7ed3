import { createSubgraphLambdaHandler, createSubgraphRuntime } from '#kernel/subgraph-server';
import { server } from './server.ts';

/** Lambda entry of the companies subgraph. */
export const handler = createSubgraphLambdaHandler(server, createSubgraphRuntime('companies'));
