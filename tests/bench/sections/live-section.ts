import { isDeepStrictEqual } from 'node:util';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local';
import { createDynamoClient } from '#kernel/table/client';
import { describePlan, planReplay } from '../federation/plan-replay.ts';
import { createPlanRecorder } from '../federation/query-plan.ts';
import { answerFailed, runAutocannon } from '../load/autocannon-run.ts';
import { postJson, runClosedLoop } from '../load/closed-loop.ts';
import { type LoadSample, loadFiguresOf, ratioOf } from '../load/load-sample.ts';
import { type BenchOperation, LOAD_MUTATIONS, LOAD_READS } from '../operations.ts';
import type { LatencyResult, OverheadResult } from '../report/results.ts';
import { type BenchStack, startBenchStack } from '../stack/bench-stack.ts';
import { BENCH_DIR, DATA_SET_TABLE, seedDataSet } from '../world/data-sets.ts';
import type { SectionContext } from './section-context.ts';

/** What the live section measured. */
export interface LiveResults {
  latency: LatencyResult[];
  overhead: OverheadResult[];
  mutationRoundTrips: Array<{ key: string; title: string; gateway: number }>;
}

type Mode = 'gateway' | 'monolith' | 'gatewayLoop' | 'direct';

/**
 * The warm system under load, on a fresh copy of the demo data in an in-memory DynamoDB Local
 * (the mutations change it): each read through the gateway, through the monolith, and as its
 * query plan replayed straight to the subgraphs, the runs of the four interleaved; then each
 * main mutation through the gateway, and the mutations' DynamoDB round trips.
 *
 * @param context - configuration, keys, callers, progress
 */
export async function measureLiveSystem(context: SectionContext): Promise<LiveResults> {
  const { progress } = context;
  progress('live: DynamoDB Local in memory with a fresh demo data set');
  const dynamo = await startDynamoDbLocal();
  const client = createDynamoClient(dynamo.endpoint);
  let stack: BenchStack | undefined;
  try {
    await seedDataSet(client, 'demo', DATA_SET_TABLE, progress);
    stack = await startBenchStack({
      dataDir: BENCH_DIR,
      dynamoEndpoint: dynamo.endpoint,
      tableName: DATA_SET_TABLE,
    });
    const latency: LatencyResult[] = [];
    const overhead: OverheadResult[] = [];
    const recorder = await createPlanRecorder({
      subgraphUrls: stack.subgraphUrls,
      signingKey: context.keys.gatewayPrivateKey,
    });
    try {
      for (const operation of LOAD_READS) {
        progress(`live: ${operation.title}`);
        const result = await measureRead(context, stack, recorder, operation);
        overhead.push(result);
        latency.push({ key: operation.key, title: operation.title, gateway: result.gateway });
      }
    } finally {
      await recorder.stop();
    }
    for (const operation of LOAD_MUTATIONS) {
      progress(`live: ${operation.title}`);
      latency.push(await measureMutation(context, stack, operation));
    }
    const mutationRoundTrips = [];
    for (const operation of LOAD_MUTATIONS) {
      mutationRoundTrips.push({
        key: operation.key,
        title: operation.title,
        gateway: await roundTripsOfMutation(context, stack, operation),
      });
    }
    return { latency, overhead, mutationRoundTrips };
  } finally {
    await stack?.stop();
    client.destroy();
    await dynamo.stop();
  }
}

async function measureRead(
  context: SectionContext,
  stack: BenchStack,
  recorder: Awaited<ReturnType<typeof createPlanRecorder>>,
  operation: BenchOperation,
): Promise<OverheadResult> {
  const { config } = context;
  const headers = await context.callers.headersFor(operation.as);
  const body = JSON.stringify({ query: operation.document, variables: operation.variables });
  const viaGateway = await postJson(stack.gatewayUrl, body, headers);
  const viaMonolith = await postJson(stack.monolithUrl, body, headers);
  for (const [name, answer] of [
    ['gateway', viaGateway],
    ['monolith', viaMonolith],
  ] as const) {
    if (answer.status !== 200 || answer.body.errors?.length) {
      throw new Error(
        `${operation.key} failed through the ${name}: ${JSON.stringify(answer.body).slice(0, 600)}`,
      );
    }
  }
  const sameData = isDeepStrictEqual(viaGateway.body.data, viaMonolith.body.data);
  if (!sameData)
    context.warn(`${operation.key}: the monolith answered other data than the gateway`);
  const identity = await context.callers.identityFor(operation.as);
  const captured = await recorder.capture(operation.document, operation.variables, identity);
  if (!captured.tree) throw new Error(`${operation.key}: the gateway made no subgraph request`);
  const replay = planReplay({
    tree: captured.tree,
    subgraphUrls: stack.subgraphUrls,
    signingKey: context.keys.gatewayPrivateKey,
    identity,
  });
  const autocannonOn = (url: string) => (seconds: number) =>
    runAutocannon({
      url,
      headers: { 'content-type': 'application/json', ...headers },
      nextBody: () => body,
      varies: false,
      connections: config.connections,
      seconds,
      checkAnswers: false,
    });
  const modes: Record<Mode, (seconds: number) => Promise<LoadSample>> = {
    gateway: autocannonOn(stack.gatewayUrl),
    monolith: autocannonOn(stack.monolithUrl),
    gatewayLoop: (seconds) =>
      runClosedLoop({
        concurrency: config.connections,
        seconds,
        iteration: async () => {
          const answer = await postJson(stack.gatewayUrl, body, headers);
          return answer.status === 200 && !answer.body.errors?.length;
        },
      }),
    direct: (seconds) =>
      runClosedLoop({ concurrency: config.connections, seconds, iteration: replay }),
  };
  const samples = await interleavedRuns(context, modes);
  return {
    key: operation.key,
    title: operation.title,
    plan: describePlan(captured.tree),
    fetches: captured.fetchCount,
    gatewayLoop: loadFiguresOf(samples.gatewayLoop),
    direct: loadFiguresOf(samples.direct),
    gateway: loadFiguresOf(samples.gateway),
    monolith: loadFiguresOf(samples.monolith),
    gatewayOverDirect: ratioOf(samples.gatewayLoop, samples.direct, 'p50'),
    federatedOverMonolith: ratioOf(samples.gateway, samples.monolith, 'p50'),
    throughputShare: ratioOf(samples.gateway, samples.monolith, 'throughput'),
    sameData,
  };
}

/**
 * Warms every mode up once, then runs them in turn `runs` times, so that run i of each mode
 * saw the same state of the machine (and another engineer's job slows all four, not one).
 */
async function interleavedRuns<M extends string>(
  context: SectionContext,
  modes: Record<M, (seconds: number) => Promise<LoadSample>>,
): Promise<Record<M, LoadSample[]>> {
  const names = Object.keys(modes) as M[];
  for (const name of names) await settle(await modes[name](context.config.warmupSeconds));
  const samples = Object.fromEntries(names.map((name) => [name, [] as LoadSample[]])) as Record<
    M,
    LoadSample[]
  >;
  for (let run = 0; run < context.config.runs; run++) {
    for (const name of names) {
      const sample = await modes[name](context.config.seconds);
      samples[name].push(sample);
      await settle(sample);
    }
  }
  for (const name of names) {
    const failures = samples[name].reduce((sum, s) => sum + s.failures, 0);
    if (failures > 0) context.warn(`${name}: ${failures} failed requests`);
  }
  return samples;
}

/**
 * Waits until requests a run left in flight are done: autocannon stops at its deadline without
 * waiting for them, and the stack would still be working on them during the next run.
 */
function settle(sample: LoadSample): Promise<void> {
  const ms = Math.min(3000, Number.isFinite(sample.p99) ? sample.p99 * 1.5 : 3000);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function measureMutation(
  context: SectionContext,
  stack: BenchStack,
  operation: BenchOperation,
): Promise<LatencyResult> {
  const headers = await context.callers.headersFor(operation.as);
  const variablesOf = operation.variablesOf ?? (() => operation.variables);
  // One count over every run, so that no run repeats an earlier run's inputs.
  let sent = 0;
  const nextBody = () =>
    JSON.stringify({ query: operation.document, variables: variablesOf(sent++) });
  const first = await postJson(stack.gatewayUrl, nextBody(), headers);
  if (first.status !== 200 || answerFailed(JSON.stringify(first.body))) {
    throw new Error(`${operation.key} failed: ${JSON.stringify(first.body).slice(0, 600)}`);
  }
  const samples = await interleavedRuns(context, {
    gateway: (seconds: number) =>
      runAutocannon({
        url: stack.gatewayUrl,
        headers: { 'content-type': 'application/json', ...headers },
        nextBody,
        varies: true,
        connections: context.config.connections,
        seconds,
        checkAnswers: true,
      }),
  });
  const failures = samples.gateway.reduce((sum, s) => sum + s.failures, 0);
  if (failures > 0) context.warn(`${operation.key}: ${failures} requests answered with errors`);
  return { key: operation.key, title: operation.title, gateway: loadFiguresOf(samples.gateway) };
}

async function roundTripsOfMutation(
  context: SectionContext,
  stack: BenchStack,
  operation: BenchOperation,
): Promise<number> {
  const headers = await context.callers.headersFor(operation.as);
  // Inputs far beyond the load runs' ones, so this is a first-time change, as in real use.
  const variables = operation.variablesOf?.(100_003) ?? operation.variables;
  await stack.roundTrips({ reset: true });
  const answer = await postJson(
    stack.gatewayUrl,
    JSON.stringify({ query: operation.document, variables }),
    headers,
  );
  const counts = await stack.roundTrips({ reset: true });
  if (answerFailed(JSON.stringify(answer.body))) {
    context.warn(`${operation.key}: round-trip request failed: ${JSON.stringify(answer.body)}`);
  }
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
