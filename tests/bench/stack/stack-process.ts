import { type HttpLambdaHandler, serveLambda } from '#infra/local/lambda-http-adapter';
import { startLocalStack } from '#infra/local/local-stack';
import { countRoundTrips } from '#kernel/table/round-trips';
import { createMonolithHandler } from '../monolith/monolith-handler.ts';
import type { StackProcessOptions, StackReply, StackRequest } from './stack-protocol.ts';

// The process that runs one local stack for the benchmark, apart from the load generator so
// that the two do not share an event loop: the gateway, the four subgraphs and the monolith, on
// loopback ports, over one table of a DynamoDB that is already running, all through the stack's
// one DynamoDB client. It answers the benchmark over IPC: how many DynamoDB round trips that
// client made.
const options = JSON.parse(process.argv[2] ?? '{}') as StackProcessOptions;

const stack = await startLocalStack({
  dataDir: options.dataDir,
  port: 0,
  dynamoEndpoint: options.dynamoEndpoint,
  tableName: options.tableName,
  stage: 'prod',
  seed: false,
});
const roundTrips = countRoundTrips(stack.table.client);
const monolith = await serveLambda(
  'monolith',
  createMonolithHandler(stack.table) as unknown as HttpLambdaHandler,
  0,
);

const send = (reply: StackReply) => process.send?.(reply);

process.on('message', async (request: StackRequest) => {
  switch (request.type) {
    case 'round-trips':
      send({ type: 'round-trips', id: request.id, byCommand: roundTrips.byCommand() });
      if (request.reset) roundTrips.reset();
      return;
    case 'stop':
      await monolith.close();
      await stack.stop();
      send({ type: 'stopped', id: request.id });
      process.exit(0);
  }
});
// The benchmark went away: nothing should outlive it.
process.on('disconnect', () => process.exit(0));

send({
  type: 'ready',
  gatewayUrl: stack.gatewayUrl,
  subgraphUrls: stack.subgraphUrls,
  monolithUrl: `${monolith.url}/graphql`,
});
