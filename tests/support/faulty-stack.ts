import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack } from '#infra/local/local-stack';
import { createDynamoClient, type DynamoClientSettings } from '#kernel/table/client';
import { Table } from '#kernel/table/table';
import { type FaultProxy, type FaultRule, startFaultProxy } from './fault-proxy.ts';
import { dynamoEndpointOfThisFile } from './file-dynamodb.ts';
import { type TestStack, testStackOf } from './local-stack.ts';

/** The local stack on a DynamoDB that fails as the test says, and what a test needs around it. */
export interface FaultyStack extends TestStack {
  /** The proxy every DynamoDB call of the stack goes through; its faults start switched off. */
  proxy: FaultProxy;
  /**
   * The same table straight on DynamoDB Local, past the proxy: what is stored, whatever the
   * faults (for the invariants: stored exactly once, audited, counted).
   */
  stored: Table;
  /** The stack's data folder (the lifecycle clock and the engine's record of executions). */
  dataDir: string;
  stop(): Promise<void>;
}

/** How to start the faulty stack. */
export interface FaultyStackOptions {
  /** The faults, switched on later with `proxy.enable()`. */
  rules?: readonly FaultRule[];
  /** The seed of the faults' randomness. @default 1 */
  seed?: number;
  /** How much faster than real time lifecycles run. @default 1 */
  lifecycleTimeScale?: number;
  stage?: 'dev' | 'prod';
  /**
   * How the stack's DynamoDB clients wait and retry (`DYNAMODB_MAX_ATTEMPTS`, …, read when the
   * stack starts): one attempt lets every fault reach the write path and the client instead of
   * the SDK's retries. The clients keep them for the life of the process, like the endpoint.
   * @default the environment's, else the client's defaults
   */
  dynamoClient?: Partial<DynamoClientSettings>;
}

/** The environment variable of each client setting (see `dynamoClientSettings`). */
const CLIENT_SETTING_VARIABLES: Record<keyof DynamoClientSettings, string> = {
  maxAttempts: 'DYNAMODB_MAX_ATTEMPTS',
  connectionTimeoutMs: 'DYNAMODB_CONNECT_TIMEOUT_MS',
  requestTimeoutMs: 'DYNAMODB_REQUEST_TIMEOUT_MS',
};

/**
 * Starts the whole local stack — gateway, four subgraphs, lifecycle engine — with every
 * DynamoDB call going through the fault proxy in front of this test file's DynamoDB Local, and
 * seeds the demo world while the faults are off: the test switches them on when its world is
 * in place.
 *
 * The subgraph handlers keep the DynamoDB endpoint they were first loaded with for the life of
 * the process, so a test file starts one faulty stack (as `npm start` is one process).
 *
 * @param options - the faults, their seed, the lifecycle time scale, the stage
 */
export async function startFaultyStack(options: FaultyStackOptions = {}): Promise<FaultyStack> {
  const endpoint = await dynamoEndpointOfThisFile();
  const proxy = await startFaultProxy({
    target: endpoint,
    rules: options.rules ?? [],
    seed: options.seed ?? 1,
    enabled: false,
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'nextwork-faults-'));
  const tableName = `faults-${randomUUID()}`;
  // Tests call as fast as a machine can, from few identities: the rate limit is for people.
  process.env.RATE_LIMIT_PER_MINUTE ??= '100000';
  for (const [setting, value] of Object.entries(options.dynamoClient ?? {})) {
    process.env[CLIENT_SETTING_VARIABLES[setting as keyof DynamoClientSettings]] = String(value);
  }
  try {
    const stack = await startLocalStack({
      dataDir,
      port: 0,
      dynamoEndpoint: proxy.url,
      tableName,
      stage: options.stage ?? 'dev',
      seed: true,
      lifecycleTimeScale: options.lifecycleTimeScale ?? 1,
    });
    const storedClient = createDynamoClient(endpoint);
    return {
      ...testStackOf(stack),
      proxy,
      stored: new Table(storedClient, tableName),
      dataDir,
      async stop() {
        await stack.stop();
        await proxy.stop();
        storedClient.destroy();
      },
    };
  } catch (error) {
    await proxy.stop();
    throw error;
  }
}
