import type { LoadFigures } from '../report/results.ts';
import { percentile, type Spread, spreadOf } from '../report/stats.ts';

/** What one load run measured. */
export interface LoadSample {
  /** Latency percentiles of the run, in milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  /** Completed requests per second. */
  throughput: number;
  requests: number;
  /** Requests that failed: transport errors, non-2xx answers, or GraphQL errors (where read). */
  failures: number;
}

/**
 * Sums up one run.
 *
 * @param latencies - every request's latency, ms
 * @param seconds - the run's length
 * @param failures - failed requests
 */
export function loadSampleOf(latencies: number[], seconds: number, failures: number): LoadSample {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    throughput: latencies.length / seconds,
    requests: latencies.length,
    failures,
  };
}

/**
 * The figures of several runs of one operation and mode: each percentile and the throughput as
 * a median with its range over the runs.
 *
 * @param samples - the runs
 */
export function loadFiguresOf(samples: readonly LoadSample[]): LoadFigures {
  return {
    p50: spreadOf(samples.map((s) => s.p50)),
    p95: spreadOf(samples.map((s) => s.p95)),
    p99: spreadOf(samples.map((s) => s.p99)),
    throughput: spreadOf(samples.map((s) => s.throughput)),
    requests: samples.reduce((sum, s) => sum + s.requests, 0),
    failures: samples.reduce((sum, s) => sum + s.failures, 0),
  };
}

/**
 * The ratio of two modes' figure run by run (runs were interleaved, so run i of each saw the
 * same machine), as a median with its range.
 *
 * @param numerator - runs of one mode
 * @param denominator - runs of the other
 * @param figure - which figure
 */
export function ratioOf(
  numerator: readonly LoadSample[],
  denominator: readonly LoadSample[],
  figure: 'p50' | 'throughput',
): Spread {
  return spreadOf(numerator.map((s, i) => s[figure] / (denominator[i]?.[figure] ?? Number.NaN)));
}
