import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateLocalKeys } from '#infra/local/local-keys';
import { coldStartMarkdown } from './cold-start/cold-start-report.ts';
import { ALL_OPERATIONS } from './operations.ts';
import { operationProblems } from './operations-check.ts';
import { resultsMarkdown } from './report/markdown.ts';
import type { BenchConfig, BenchResults } from './report/results.ts';
import { evaluateTargets } from './report/targets.ts';
import { measureColdStartSection } from './sections/cold-start-section.ts';
import { measureDataSets } from './sections/data-set-section.ts';
import { measureLiveSystem } from './sections/live-section.ts';
import type { SectionContext } from './sections/section-context.ts';
import { createCallers } from './stack/callers.ts';
import { BENCH_DIR, DATA_SET_NAMES, ensureDataSet } from './world/data-sets.ts';
import { DATA_SETS, type DataSetName } from './world/scaled-world.ts';

// `npm run bench`: cold starts, the live system under load (gateway, subgraphs, monolith), DynamoDB
// round trips and scale, on the local stack in its own data folder (.data/bench). Prints the
// tables and writes them with every figure to .data/bench/results/. Settings by environment:
// BENCH_CONNECTIONS, BENCH_SECONDS, BENCH_RUNS, BENCH_WARMUP_SECONDS, BENCH_COLD_RUNS.
// BENCH_ONLY=cold-start measures the cold starts alone (about a minute, no stack, no data sets).
const numberFrom = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const config: BenchConfig = {
  connections: numberFrom('BENCH_CONNECTIONS', 4),
  seconds: numberFrom('BENCH_SECONDS', 3),
  runs: numberFrom('BENCH_RUNS', 3),
  warmupSeconds: numberFrom('BENCH_WARMUP_SECONDS', 1),
  coldStartRuns: numberFrom('BENCH_COLD_RUNS', 5),
};

const startedAt = new Date();
const log = (message: string) =>
  console.log(
    `[bench] ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)}s  ${message}`,
  );

const problems = operationProblems(ALL_OPERATIONS);
if (problems.length > 0) {
  console.error(`The benchmark's operations do not match the supergraph:\n${problems.join('\n')}`);
  process.exit(1);
}

const warnings: string[] = [];
const keys = await loadOrCreateLocalKeys(BENCH_DIR);
const context: SectionContext = {
  config,
  keys,
  callers: createCallers(keys),
  progress: log,
  warn: (message) => {
    warnings.push(message);
    log(`warning: ${message}`);
  },
};

log(`settings ${JSON.stringify(config)}`);
const coldStarts = await measureColdStartSection(context);
if (process.env.BENCH_ONLY === 'cold-start') {
  const resultsDir = join(BENCH_DIR, 'results');
  await mkdir(resultsDir, { recursive: true });
  const figures = { startedAt: startedAt.toISOString(), config, coldStarts, warnings };
  await writeFile(join(resultsDir, 'cold-start-latest.json'), JSON.stringify(figures, null, 2));
  console.log(`\n${coldStartMarkdown(coldStarts, config.coldStartRuns)}`);
  log(`results in ${join(resultsDir, 'cold-start-latest.json')}`);
  process.exit(0);
}
const dataSets = {} as BenchResults['dataSets'];
for (const name of DATA_SET_NAMES) {
  const marker = await ensureDataSet(name, { onProgress: log });
  dataSets[name as DataSetName] = { describe: DATA_SETS[name].describe, items: marker.items };
}
const live = await measureLiveSystem(context);
const { roundTrips, scale } = await measureDataSets(context, DATA_SET_NAMES);

const measured: Omit<BenchResults, 'targets'> = {
  startedAt: startedAt.toISOString(),
  seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
  },
  config,
  dataSets,
  latency: live.latency,
  overhead: live.overhead,
  roundTrips,
  mutationRoundTrips: live.mutationRoundTrips,
  coldStarts,
  scale,
  warnings,
};
const results: BenchResults = { ...measured, targets: evaluateTargets(measured) };
const markdown = resultsMarkdown(results);
const resultsDir = join(BENCH_DIR, 'results');
await mkdir(resultsDir, { recursive: true });
const stamp = results.startedAt.replace(/[:.]/g, '-');
await writeFile(join(resultsDir, `bench-${stamp}.json`), JSON.stringify(results, null, 2));
await writeFile(join(resultsDir, 'latest.json'), JSON.stringify(results, null, 2));
await writeFile(join(resultsDir, 'latest.md'), markdown);
console.log(`\n${markdown}`);
log(`results in ${join(resultsDir, `bench-${stamp}.json`)} and latest.md`);
