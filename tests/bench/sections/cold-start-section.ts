import { join } from 'node:path';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local';
import { createDynamoClient } from '#kernel/table/client';
import { ensureTable } from '#kernel/table/create-table';
import { type ColdStartResult, measureColdStarts } from '../cold-start/cold-start.ts';
import type { ColdStartFigures } from '../report/results.ts';
import { median, spreadOf } from '../report/stats.ts';
import { BENCH_DIR } from '../world/data-sets.ts';
import type { SectionContext } from './section-context.ts';

/** The empty table the cold starts write to (rate counters, audit events). */
const COLD_START_TABLE = 'cold-start';

/**
 * Every Lambda's cold start, bundled and unbundled, as medians with their spread, and the
 * ratio run by run (the bundled and unbundled runs alternate), over a DynamoDB Local of its own
 * (in memory).
 *
 * @param context - configuration, keys, progress
 */
export async function measureColdStartSection(
  context: SectionContext,
): Promise<ColdStartFigures[]> {
  const dynamo = await startDynamoDbLocal();
  try {
    await ensureTable(createDynamoClient(dynamo.endpoint), COLD_START_TABLE);
    const results = await measureColdStarts({
      keys: context.keys,
      table: { endpoint: dynamo.endpoint, name: COLD_START_TABLE },
      outDir: join(BENCH_DIR, 'bundles'),
      runs: context.config.coldStartRuns,
      onProgress: context.progress,
    });
    return results.map(figuresOf);
  } finally {
    await dynamo.stop();
  }
}

/** A Lambda's cold-start figures from its runs. */
function figuresOf(result: ColdStartResult): ColdStartFigures {
  return {
    name: result.name,
    bundleBytes: result.bundleBytes,
    bundled: spreadOf(result.bundled.map((s) => s.wallMs)),
    unbundled: spreadOf(result.unbundled.map((s) => s.wallMs)),
    bundledLoadedMs: median(result.bundled.map((s) => s.loadedMs)),
    bundledAnsweredMs: median(result.bundled.map((s) => s.answeredMs)),
    ratio: spreadOf(
      result.bundled.map((s, i) => s.wallMs / (result.unbundled[i]?.wallMs ?? Number.NaN)),
    ),
  };
}
