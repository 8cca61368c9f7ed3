import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type RunningDynamoDb, startDynamoDbLocal } from '#infra/local/dynamodb-local';
import { postJson, runClosedLoop } from '../load/closed-loop.ts';
import { type LoadSample, loadFiguresOf, ratioOf } from '../load/load-sample.ts';
import { type BenchOperation, COUNTED_READS, SCALE_READS } from '../operations.ts';
import type { RoundTripResult, ScaleResult } from '../report/results.ts';
import { type BenchStack, startBenchStack } from '../stack/bench-stack.ts';
import { BENCH_DIR, DATA_SET_TABLE, dataSetDynamoDir } from '../world/data-sets.ts';
import type { DataSetName } from '../world/scaled-world.ts';
import type { SectionContext } from './section-context.ts';

/** A data set served by its own DynamoDB Local and stack. */
interface ServedDataSet {
  name: DataSetName;
  stack: BenchStack;
  stop(): Promise<void>;
}

/**
 * Serves a generated data set: its database file is copied to a RAM disk where there is one
 * (the kept data set stays as generated, and writes a request makes do not wait for the disk),
 * DynamoDB Local is started on it, and a stack over it.
 */
async function serveDataSet(name: DataSetName): Promise<ServedDataSet> {
  const kept = dataSetDynamoDir(name);
  const staging = existsSync('/dev/shm') ? await mkdtemp('/dev/shm/nextwork-bench-') : undefined;
  if (staging) {
    await copyFile(
      join(kept, 'shared-local-instance.db'),
      join(staging, 'shared-local-instance.db'),
    );
  }
  let dynamo: RunningDynamoDb | undefined;
  try {
    dynamo = await startDynamoDbLocal({ path: staging ?? kept });
    const stack = await startBenchStack({
      dataDir: BENCH_DIR,
      dynamoEndpoint: dynamo.endpoint,
      tableName: DATA_SET_TABLE,
    });
    const running = dynamo;
    return {
      name,
      stack,
      async stop() {
        await stack.stop();
        await running.stop();
        if (staging) await rm(staging, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await dynamo?.stop();
    if (staging) await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** The DynamoDB round trips of one request (after one unmeasured request, same operation). */
async function roundTripsOf(
  context: SectionContext,
  stack: BenchStack,
  url: string,
  operation: BenchOperation,
): Promise<{ total: number; byCommand: Record<string, number> }> {
  const headers = await context.callers.headersFor(operation.as);
  const body = JSON.stringify({ query: operation.document, variables: operation.variables });
  await postJson(url, body, headers);
  await stack.roundTrips({ reset: true });
  const answer = await postJson(url, body, headers);
  const byCommand = await stack.roundTrips({ reset: true });
  if (answer.status !== 200 || answer.body.errors?.length) {
    context.warn(`${operation.key} failed on ${url}: ${JSON.stringify(answer.body).slice(0, 400)}`);
  }
  return { total: Object.values(byCommand).reduce((sum, n) => sum + n, 0), byCommand };
}

/**
 * The DynamoDB round trips of every counted read on every data set (through the gateway and
 * through the monolith), and the scale comparison: the programme query and a municipality
 * listing on the demo data and on the national data set, the runs of the two interleaved.
 *
 * @param context - configuration, callers, progress
 * @param dataSets - the data sets, all generated
 */
export async function measureDataSets(
  context: SectionContext,
  dataSets: readonly DataSetName[],
): Promise<{ roundTrips: RoundTripResult[]; scale: ScaleResult[] }> {
  const roundTrips = new Map<string, RoundTripResult>(
    COUNTED_READS.map((o) => [
      o.key,
      { key: o.key, title: o.title, gateway: {}, monolith: {}, byCommand: {} },
    ]),
  );
  const served = new Map<DataSetName, ServedDataSet>();
  try {
    for (const name of dataSets) {
      context.progress(`data set ${name}: starting DynamoDB Local and the stack`);
      const dataSet = await serveDataSet(name);
      served.set(name, dataSet);
      for (const operation of COUNTED_READS) {
        const viaGateway = await roundTripsOf(
          context,
          dataSet.stack,
          dataSet.stack.gatewayUrl,
          operation,
        );
        const viaMonolith = await roundTripsOf(
          context,
          dataSet.stack,
          dataSet.stack.monolithUrl,
          operation,
        );
        const entry = roundTrips.get(operation.key) as RoundTripResult;
        entry.gateway[name] = viaGateway.total;
        entry.monolith[name] = viaMonolith.total;
        if (name === 'demo') entry.byCommand = viaGateway.byCommand;
      }
      // Only the two data sets of the scale comparison keep running.
      if (name !== 'demo' && name !== 'national') {
        await dataSet.stop();
        served.delete(name);
      }
    }
    const demo = served.get('demo');
    const national = served.get('national');
    const scale: ScaleResult[] = [];
    if (demo && national) {
      for (const operation of SCALE_READS) {
        context.progress(`scale: ${operation.title}, demo and national`);
        scale.push(await compareScale(context, operation, demo.stack, national.stack));
      }
    }
    return { roundTrips: [...roundTrips.values()], scale };
  } finally {
    for (const dataSet of served.values()) await dataSet.stop();
  }
}

async function compareScale(
  context: SectionContext,
  operation: BenchOperation,
  demo: BenchStack,
  national: BenchStack,
): Promise<ScaleResult> {
  const { config } = context;
  const headers = await context.callers.headersFor(operation.as);
  const body = JSON.stringify({ query: operation.document, variables: operation.variables });
  // A closed loop rather than autocannon: a national programme query can take longer than a
  // run, and autocannon would leave it running into the next run (of the other data set) and
  // record nothing for it; here every run ends when its last request has answered.
  const on = (stack: BenchStack) => (seconds: number) =>
    runClosedLoop({
      concurrency: config.connections,
      seconds,
      iteration: async () => {
        const answer = await postJson(stack.gatewayUrl, body, headers);
        return answer.status === 200 && !answer.body.errors?.length;
      },
    });
  const modes = { demo: on(demo), national: on(national) };
  await modes.demo(config.warmupSeconds);
  await modes.national(config.warmupSeconds);
  const samples: Record<'demo' | 'national', LoadSample[]> = { demo: [], national: [] };
  for (let run = 0; run < config.runs; run++) {
    samples.demo.push(await modes.demo(config.seconds));
    samples.national.push(await modes.national(config.seconds));
  }
  return {
    key: operation.key,
    title: operation.title,
    demo: loadFiguresOf(samples.demo),
    national: loadFiguresOf(samples.national),
    ratio: ratioOf(samples.national, samples.demo, 'p50'),
  };
}
