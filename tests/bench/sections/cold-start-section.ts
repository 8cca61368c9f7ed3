import { join } from 'node:path';
import { measureColdStarts } from '../cold-start/cold-start.ts';
import type { ColdStartFigures } from '../report/results.ts';
import { median, spreadOf } from '../report/stats.ts';
import { BENCH_DIR } from '../world/data-sets.ts';
import type { SectionContext } from './section-context.ts';

/**
 * Every Lambda's cold start, bundled and unbundled, as medians with their spread, and the
 * ratio run by run (the bundled and unbundled runs alternate).
 *
 * @param context - configuration, keys, progress
 */
export async function measureColdStartSection(
  context: SectionContext,
): Promise<ColdStartFigures[]> {
  const results = await measureColdStarts({
    keys: context.keys,
    outDir: join(BENCH_DIR, 'bundles'),
    runs: context.config.coldStartRuns,
    onProgress: context.progress,
  });
  return results.map((result) => ({
    name: result.name,
    bundleBytes: result.bundleBytes,
    bundled: spreadOf(result.bundled.map((s) => s.wallMs)),
    unbundled: spreadOf(result.unbundled.map((s) => s.wallMs)),
    bundledLoadedMs: median(result.bundled.map((s) => s.loadedMs)),
    bundledAnsweredMs: median(result.bundled.map((s) => s.answeredMs)),
    ratio: spreadOf(
      result.bundled.map((s, i) => s.wallMs / (result.unbundled[i]?.wallMs ?? Number.NaN)),
    ),
  }));
}
