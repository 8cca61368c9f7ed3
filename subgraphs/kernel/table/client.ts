import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { runtimeSdk } from '../runtime-sdk.ts';
import { answerLost, EARLIER_ANSWER_LOST } from './failures.ts';

const { DynamoDBClient: Client } = runtimeSdk('@aws-sdk/client-dynamodb');

/**
 * How the DynamoDB client waits and retries, stated rather than left to the SDK's defaults
 * (which wait for a socket without limit). Three attempts with the SDK's standard back-off
 * cover a throttled second; past them the caller gets `TEMPORARILY_UNAVAILABLE` (see
 * `failures.ts`), well inside the request's deadline.
 */
export interface DynamoClientSettings {
  /** Attempts per call, the first included (`DYNAMODB_MAX_ATTEMPTS`). */
  maxAttempts: number;
  /** Milliseconds to open a connection (`DYNAMODB_CONNECT_TIMEOUT_MS`). */
  connectionTimeoutMs: number;
  /** Milliseconds one attempt may wait for its answer (`DYNAMODB_REQUEST_TIMEOUT_MS`). */
  requestTimeoutMs: number;
}

/**
 * The settings from the environment. In AWS the stacks set them (`infra/config/timeouts.ts`);
 * without them, the answer timeout is longer, because DynamoDB Local on a busy two-core machine
 * takes seconds where DynamoDB takes milliseconds.
 *
 * @param env - the process environment
 */
export function dynamoClientSettings(env: NodeJS.ProcessEnv = process.env): DynamoClientSettings {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    maxAttempts: number('DYNAMODB_MAX_ATTEMPTS', 3),
    connectionTimeoutMs: number('DYNAMODB_CONNECT_TIMEOUT_MS', 1_000),
    requestTimeoutMs: number('DYNAMODB_REQUEST_TIMEOUT_MS', 10_000),
  };
}

/**
 * Creates a DynamoDB client. `DYNAMODB_ENDPOINT` points it at DynamoDB Local; in Lambda the
 * default endpoint and the function role's credentials apply.
 *
 * @param endpoint - override of the service endpoint
 * @param settings - timeouts and attempts
 * @default endpoint - process.env.DYNAMODB_ENDPOINT
 * @default settings - from the environment
 */
export function createDynamoClient(
  endpoint = process.env.DYNAMODB_ENDPOINT,
  settings: DynamoClientSettings = dynamoClientSettings(),
): DynamoDBClient {
  const common = {
    maxAttempts: settings.maxAttempts,
    retryMode: 'standard',
    requestHandler: {
      connectionTimeout: settings.connectionTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      // Without it, the SDK (@smithy/node-http-handler 4) only logs a warning when an attempt
      // overruns its request timeout and goes on waiting: a DynamoDB that answers late would
      // hold the request until its deadline instead of being given up and retried.
      throwOnRequestTimeout: true,
    },
  };
  if (!endpoint) return watchLostAnswers(new Client(common));
  return watchLostAnswers(
    new Client({
      ...common,
      endpoint,
      region: process.env.AWS_REGION ?? 'eu-north-1',
      // DynamoDB Local accepts any credentials; fixed ones keep a developer's real keys out of it.
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
}

/**
 * Watches every attempt of a call (inside the SDK's retries) and marks the error the call ends
 * with when an earlier attempt lost its answer: the SDK reports only the last attempt's error,
 * and a write whose first attempt may have been applied must not come back as a throttle
 * ("nothing written") or as a failed condition that its own first attempt made false (see
 * `failureOf`).
 *
 * @param client - a DynamoDB client
 */
function watchLostAnswers(client: DynamoDBClient): DynamoDBClient {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const call = context as { [EARLIER_ANSWER_LOST]?: boolean };
      try {
        return await next(args);
      } catch (error) {
        if (call[EARLIER_ANSWER_LOST] && error instanceof Object) {
          Object.assign(error, { [EARLIER_ANSWER_LOST]: true });
        }
        if (answerLost(error)) call[EARLIER_ANSWER_LOST] = true;
        throw error;
      }
    },
    // Below the retry middleware (finalizeRequest, high priority): runs once per attempt, and
    // the context it marks is the call's, shared by its attempts.
    { step: 'finalizeRequest', priority: 'low', name: 'nextworkLostAnswers', override: true },
  );
  return client;
}
