import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalStackOptions, startLocalStack } from '#infra/local/local-stack';
import { createDynamoClient, type DynamoClientSettings } from '#kernel/table/client';
import { Table } from '#kernel/table/table';
import { DEMO_SNAPSHOT_TABLE, demoWorldSnapshot } from './demo-world-snapshot.ts';
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
  /**
   * Stops the local stack — not the proxy, nor DynamoDB Local — and starts it again on the same
   * data and ports with the same options, as a process stopped and started again (a new engine,
   * wrapped afresh); `stack` is the new one afterwards. Needs the ports fixed (`port`): the
   * handler modules keep the endpoints they first loaded.
   */
  restart(): Promise<void>;
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
   * The gateway's port, the subgraphs' the next four: fixed (`freePort()`) for a test that
   * restarts the stack. @default 0, any free ports
   */
  port?: number;
  /**
   * Divides the lifecycle definition's `Retry` waits, real seconds otherwise as in AWS (see
   * `infra/local/lifecycle/local-definition.ts`). @default 1
   */
  lifecycleRetryIntervalDivisor?: number;
  /** Wraps the lifecycle engine the subgraphs reach (an engine whose starts fail). */
  wrapLifecycleEngine?: LocalStackOptions['wrapLifecycleEngine'];
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
 * DynamoDB call going through the fault proxy in front of this test file's DynamoDB Local, which
 * starts on a copy of the run's demo world (the faults are off until the test switches them on).
 *
 * The subgraph handlers keep the DynamoDB endpoint they were first loaded with for the life of
 * the process, so a test file starts one faulty stack (as `npm start` is one process).
 *
 * @param options - the faults, their seed, the lifecycle time scale, the stage
 */
export async function startFaultyStack(options: FaultyStackOptions = {}): Promise<FaultyStack> {
  const endpoint = await dynamoEndpointOfThisFile({ from: await demoWorldSnapshot() });
  const proxy = await startFaultProxy({
    target: endpoint,
    rules: options.rules ?? [],
    seed: options.seed ?? 1,
    enabled: false,
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'nextwork-faults-'));
  const tableName = DEMO_SNAPSHOT_TABLE;
  // Tests call as fast as a machine can, from few identities: the rate limit is for people.
  process.env.RATE_LIMIT_PER_MINUTE ??= '100000';
  for (const [setting, value] of Object.entries(options.dynamoClient ?? {})) {
    process.env[CLIENT_SETTING_VARIABLES[setting as keyof DynamoClientSettings]] = String(value);
  }
  const start = () =>
    startLocalStack({
      dataDir,
      port: options.port ?? 0,
      dynamoEndpoint: proxy.url,
      tableName,
      stage: options.stage ?? 'dev',
      seed: true,
      lifecycleTimeScale: options.lifecycleTimeScale ?? 1,
      lifecycleRetryIntervalDivisor: options.lifecycleRetryIntervalDivisor ?? 1,
      ...(options.wrapLifecycleEngine ? { wrapLifecycleEngine: options.wrapLifecycleEngine } : {}),
    });
  try {
    const stack = await start();
    const storedClient = createDynamoClient(endpoint);
    const faulty: FaultyStack = {
      ...testStackOf(stack),
      proxy,
      stored: new Table(storedClient, tableName),
      dataDir,
      async restart() {
        if (!options.port) throw new Error('A faulty stack restarts on fixed ports: give `port`');
        await faulty.stack.stop();
        faulty.stack = await start();
      },
      async stop() {
        await faulty.stack.stop();
        await proxy.stop();
        storedClient.destroy();
      },
    };
    return faulty;
  } catch (error) {
    await proxy.stop();
    throw error;
  }
}
