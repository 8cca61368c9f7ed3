import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { runtimeSdk } from '../runtime-sdk.ts';
import { countInProcessRoundTrips } from './round-trips.ts';

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
 * default endpoint and the function role's credentials apply. Its calls count in
 * `processRoundTrips` (see round-trips.ts), which `npm run bench` reports per operation.
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
    },
  };
  if (!endpoint) return countInProcessRoundTrips(new Client(common));
  return countInProcessRoundTrips(
    new Client({
      ...common,
      endpoint,
      region: process.env.AWS_REGION ?? 'eu-north-1',
      // DynamoDB Local accepts any credentials; fixed ones keep a developer's real keys out of it.
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
}
