import { createSubgraphLambdaHandler, createSubgraphRuntime } from '#kernel/subgraph-server';
import { server } from './server.ts';

/** Lambda entry of the placements subgraph. */
export const handler = createSubgraphLambdaHandler(server, createSubgraphRuntime('placements'));
