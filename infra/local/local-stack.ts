import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { disablePendingSignIns } from '#companies/repository/sign-in-disable-entity';
import { subgraphUrlVariable } from '#gateway/config';
import { servicesFromEnvironment, withServices } from '#kernel/services';
import { createSubgraphLambdaHandler, createSubgraphRuntime } from '#kernel/subgraph-server';
import { createDynamoClient } from '#kernel/table/client';
import { ensureTable } from '#kernel/table/create-table';
import { Table } from '#kernel/table/table';
import type { WorkflowEngine } from '#kernel/workflow-engine';
import { staffSignIns } from '#people/domain/staff-commands';
import { SUBGRAPHS, type SubgraphName } from '#schema/subgraphs';
import { createLocalDataSubjectDispatcher } from './data-subject/in-process-dispatcher.ts';
import { DEV_AUDIENCE, DEV_ISSUER } from './dev-issuer.ts';
import { DevSignInDirectory } from './dev-sign-in-directory.ts';
import { type RunningDynamoDb, startDynamoDbLocal } from './dynamodb-local.ts';
import { type HttpLambdaHandler, type LocalFunction, serveLambda } from './lambda-http-adapter.ts';
import { type LocalLifecycle, startLocalLifecycle } from './lifecycle/local-lifecycle.ts';
import { type LocalKeys, loadOrCreateLocalKeys } from './local-keys.ts';
import { prepareLocalTable } from './prepare-table.ts';

/** How to run the local stack. */
export interface LocalStackOptions {
  /** Folder for DynamoDB Local's files and the local keys. */
  dataDir: string;
  /** The gateway's port; subgraphs take the next four. 0 picks free ports for all. */
  port: number;
  /** An already running DynamoDB endpoint; otherwise DynamoDB Local is started. */
  dynamoEndpoint?: string;
  /** Keep DynamoDB Local's data in memory instead of under `dataDir` (tests, benchmarks). */
  inMemory?: boolean;
  tableName: string;
  stage: 'dev' | 'prod';
  /** Seed the demo world when the table is empty. */
  seed: boolean;
  /**
   * How much faster than real time placement lifecycles run (`LIFECYCLE_TIME_SCALE`).
   * @default 1
   */
  lifecycleTimeScale?: number;
  /**
   * How often the lifecycle reconciler runs, in seconds (`LIFECYCLE_RECONCILE_SECONDS`); 0 only
   * when asked (`lifecycle.reconcile()`), as tests that count passes want. @default 0
   */
  lifecycleReconcileSeconds?: number;
  /**
   * Divides the lifecycle definition's `Retry` waits, real seconds otherwise as in AWS (tests of
   * a failing task only; see `lifecycle/local-definition.ts`). @default 1
   */
  lifecycleRetryIntervalDivisor?: number;
  /**
   * Wraps the lifecycle engine the subgraphs reach (tests: an engine whose starts fail). The
   * reconciler and the task handler keep the engine itself.
   */
  wrapLifecycleEngine?: (engine: WorkflowEngine) => WorkflowEngine;
  onProgress?: (message: string) => void;
}

/** The running local stack. */
export interface LocalStack {
  gatewayUrl: string;
  healthUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  dynamoEndpoint: string;
  table: Table;
  keys: LocalKeys;
  /** The development issuer's sign-in directory: whom it no longer signs in (hand it to `mintDevToken`). */
  signIn: DevSignInDirectory;
  /** The placement lifecycles' local Step Functions engine and its clock. */
  lifecycle: LocalLifecycle;
  /** Stops one subgraph's server (to see how the gateway copes with a subgraph that is down). */
  stopSubgraph(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Each subgraph's server, imported once the environment is set. The local stack builds each
 * one's Lambda handler as its `handler.ts` does, with the local services in place of AWS's.
 */
const SERVERS: Record<SubgraphName, () => Promise<{ server: unknown }>> = {
  people: () => import('#people/server'),
  companies: () => import('#companies/server'),
  placements: () => import('#placements/server'),
  'learning-community': () => import('#learning-community/server'),
};

/**
 * Starts the whole system on this machine: DynamoDB Local (unless an endpoint is given), the
 * table from the shared definition, the demo data when the table is empty, the four subgraph
 * handlers and the gateway handler behind loopback HTTP servers — the same handler code that
 * runs in Lambda, configured through the same environment variables.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const progress = options.onProgress ?? (() => {});
  const started: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of started.reverse()) await stop().catch(() => {});
  };
  try {
    await mkdir(options.dataDir, { recursive: true });
    const keys = await loadOrCreateLocalKeys(options.dataDir);
    const signIn = DevSignInDirectory.of(options.dataDir);

    let dynamo: RunningDynamoDb | undefined;
    let dynamoEndpoint = options.dynamoEndpoint;
    if (!dynamoEndpoint) {
      progress('starting DynamoDB Local');
      dynamo = await startDynamoDbLocal(
        options.inMemory ? {} : { path: join(options.dataDir, 'dynamodb') },
      );
      started.push(() => (dynamo as RunningDynamoDb).stop());
      dynamoEndpoint = dynamo.endpoint;
    }

    const client = createDynamoClient(dynamoEndpoint);
    const table = new Table(client, options.tableName);
    if (await ensureTable(client, options.tableName))
      progress(`created table ${options.tableName}`);
    await prepareLocalTable(table, { seed: options.seed, progress });

    Object.assign(process.env, {
      STAGE: options.stage,
      TABLE_NAME: options.tableName,
      DYNAMODB_ENDPOINT: dynamoEndpoint,
      GATEWAY_PUBLIC_KEY: JSON.stringify(keys.gatewayPublicKey),
      CURSOR_SECRET: keys.cursorSecret,
      FIELD_ENCRYPTION_KEY: keys.fieldKey,
      PSEUDONYM_KEY: keys.pseudonymKey,
      EVALUATION_EXPORT_DIR: join(options.dataDir, 'exports'),
      GATEWAY_SIGNING_KEY: JSON.stringify(keys.gatewayPrivateKey),
      AUTH_ISSUER: DEV_ISSUER,
      AUTH_AUDIENCE: DEV_AUDIENCE,
      AUTH_JWKS_URI: `${DEV_ISSUER}/.well-known/jwks.json`,
      AUTH_JWKS: JSON.stringify(keys.issuerJwks),
    });

    // Placement lifecycles: the shared state machine definition run in process, every execution
    // that was running continued.
    const lifecycle = await startLocalLifecycle({
      table,
      scale: options.lifecycleTimeScale ?? 1,
      dataDir: options.dataDir,
      reconcileEverySeconds: options.lifecycleReconcileSeconds ?? 0,
      retryIntervalDivisor: options.lifecycleRetryIntervalDivisor ?? 1,
    });
    started.push(() => lifecycle.stop());
    if (lifecycle.resumed > 0) progress(`resumed ${lifecycle.resumed} placement lifecycles`);
    if (lifecycle.unattended.length > 0) {
      progress(
        `${lifecycle.unattended.length} running lifecycles have no running execution: the reconciler restarts them`,
      );
    }

    // The services AWS gives the functions, local: every subgraph's data-subject handler in
    // process (as Lambda invocations would reach them) and the local lifecycle engine.
    const services = withServices(servicesFromEnvironment(), {
      dataSubjects: createLocalDataSubjectDispatcher(table),
      signIn,
      workflows: options.wrapLifecycleEngine?.(lifecycle.engine) ?? lifecycle.engine,
    });
    // Removed contacts whose sign-in was left enabled by a failed follow-up (AWS: see README).
    const disabled = await disablePendingSignIns(table, signIn);
    if (disabled > 0) progress(`disabled the sign-in of ${disabled} removed contacts`);
    const staffDisabled = await staffSignIns.disableAll(table, signIn);
    if (staffDisabled > 0) progress(`disabled the sign-in of ${staffDisabled} removed staff`);
    const subgraphFunctions = {} as Record<SubgraphName, LocalFunction>;
    for (const [index, { name }] of SUBGRAPHS.entries()) {
      progress(`starting the ${name} subgraph`);
      const { server } = await SERVERS[name]();
      const handler = createSubgraphLambdaHandler(
        server as Parameters<typeof createSubgraphLambdaHandler>[0],
        // Every subgraph through the stack's one client, so that one counter sees every call.
        createSubgraphRuntime(name, { services, table }),
      );
      const fn = await serveLambda(
        name,
        handler as HttpLambdaHandler,
        options.port === 0 ? 0 : options.port + index + 1,
      );
      subgraphFunctions[name] = fn;
      started.push(() => fn.close());
      process.env[subgraphUrlVariable(name)] = `${fn.url}/graphql`;
    }

    progress('starting the gateway');
    const [{ readGatewayConfig }, { createGateway }, { createGatewayLambdaHandler }] =
      await Promise.all([
        import('#gateway/config'),
        import('#gateway/gateway'),
        import('#gateway/lambda-handler'),
      ]);
    const gatewayHandler = createGatewayLambdaHandler(
      createGateway(readGatewayConfig(), keys.gatewayPrivateKey, table, {
        refusesSubject: (subject) => signIn.refuses(subject),
      }),
    );
    const gateway = await serveLambda('gateway', gatewayHandler as HttpLambdaHandler, options.port);
    started.push(() => gateway.close());

    return {
      gatewayUrl: `${gateway.url}/graphql`,
      healthUrl: `${gateway.url}/health`,
      subgraphUrls: Object.fromEntries(
        SUBGRAPHS.map(({ name }) => [name, `${subgraphFunctions[name].url}/graphql`]),
      ) as Record<SubgraphName, string>,
      dynamoEndpoint,
      table,
      keys,
      signIn,
      lifecycle,
      stopSubgraph: (name) => subgraphFunctions[name].close(),
      stop: async () => {
        await stopAll();
        client.destroy();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
