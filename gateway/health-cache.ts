import type { HealthReport } from './health.ts';

/** How long one health report answers `/health` unless `HEALTH_CACHE_SECONDS` says otherwise. */
export const DEFAULT_HEALTH_CACHE_MS = 5_000;

/** A health check answered from its last report, which the gateway's own traffic can void. */
export interface CachedHealthCheck {
  (): Promise<HealthReport>;
  /**
   * Forgets the last report: a subgraph call of real traffic failed, so the next `/health`
   * asks again rather than answer "up" for a subgraph that just did not answer.
   */
  invalidate(): void;
}

/**
 * Answers health from the last report for `ttlMs`, and lets concurrent callers share the one
 * check in flight: `/health` is open to anyone, and each check asks every subgraph, so a flood
 * of it must cost the subgraphs at most one check per interval, not four calls per request.
 *
 * @param check - the real health check (it asks every subgraph)
 * @param options.ttlMs - how long a report is served again
 * @param options.now - the clock, in milliseconds
 * @default options.now - Date.now
 */
export function cachedHealthCheck(
  check: () => Promise<HealthReport>,
  options: { ttlMs: number; now?: () => number },
): CachedHealthCheck {
  const now = options.now ?? Date.now;
  let last: { report: HealthReport; at: number } | undefined;
  let inFlight: Promise<HealthReport> | undefined;
  const health = () => {
    if (last && now() - last.at < options.ttlMs) return Promise.resolve(last.report);
    inFlight ??= check()
      .then((report) => {
        last = { report, at: now() };
        return report;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
  return Object.assign(health, {
    invalidate: () => {
      last = undefined;
    },
  });
}
