import { servicesFromEnvironment } from '#kernel/services';
import { createSubgraphLambdaHandler, createSubgraphRuntime } from '#kernel/subgraph-server';
import { server } from './server.ts';
import { lifecycleEngineFromEnvironment } from './workflow/engine-registry.ts';

/** Lambda entry of the placements subgraph, with Step Functions running its lifecycles. */
export const handler = createSubgraphLambdaHandler(
  server,
  createSubgraphRuntime('placements', {
    services: servicesFromEnvironment(lifecycleEngineFromEnvironment),
  }),
);
