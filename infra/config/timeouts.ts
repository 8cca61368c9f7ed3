import { Duration } from 'aws-cdk-lib';

/**
 * How long each hop waits, in one place so that the order always holds: a subgraph gives up
 * before its function is stopped, the gateway waits for a subgraph call a little longer than the
 * subgraph function can run, and the gateway gives up on the whole request before API Gateway's
 * integration timeout (29 s, the most an HTTP API allows). A client is never told a request failed while a subgraph may
 * still commit it (`docs/architecture.md`, "Timeouts"); `tests/infra/timeouts.test.ts` checks the
 * order in the synthesised templates.
 */
export const TIMEOUTS = {
  /**
   * A subgraph request's own deadline (`REQUEST_DEADLINE_MS`): every DynamoDB call of it ends
   * by then, and no commit starts without time left. The gateway's deadline, sent with each
   * call, shortens it further.
   */
  subgraphRequestDeadline: Duration.seconds(6),
  /** The subgraph function's timeout: the deadline plus a second to answer. */
  subgraphFunction: Duration.seconds(7),
  /** How long the gateway waits for one subgraph call (`SUBGRAPH_TIMEOUT_MS`). */
  gatewaySubgraphCall: Duration.seconds(8),
  /** How long the gateway works on one request (`GATEWAY_DEADLINE_MS`). */
  gatewayRequestDeadline: Duration.seconds(26),
  /** The gateway function's timeout: the deadline plus time to answer. */
  gatewayFunction: Duration.seconds(28),
  /** API Gateway's wait for the gateway function: the most an HTTP API integration allows. */
  apiGatewayIntegration: Duration.seconds(29),
} as const;

/**
 * How the functions' DynamoDB client waits and retries (`subgraphs/kernel/table/client.ts`):
 * three attempts of at most 1.5 s each fit a subgraph's deadline; a connection that takes more
 * than half a second to open is given up and tried again.
 */
export const DYNAMODB_CLIENT_ENVIRONMENT = {
  DYNAMODB_MAX_ATTEMPTS: '3',
  DYNAMODB_CONNECT_TIMEOUT_MS: '500',
  DYNAMODB_REQUEST_TIMEOUT_MS: '1500',
} as const;
