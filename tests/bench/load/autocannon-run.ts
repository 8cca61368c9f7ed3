import autocannon from 'autocannon';
import { type LoadSample, loadSampleOf } from './load-sample.ts';

/** One load run of POST requests at a fixed number of connections. */
export interface AutocannonRun {
  url: string;
  headers: Record<string, string>;
  /** The body of the next request. */
  nextBody: () => string;
  /** Whether bodies differ between requests (mutations); otherwise the first is sent always. */
  varies: boolean;
  connections: number;
  seconds: number;
  /** Read each answer and count GraphQL errors (top level or in a mutation payload) as failures. */
  checkAnswers: boolean;
}

/** Whether a GraphQL answer reports an error, at the top level or in a mutation payload. */
export function answerFailed(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown[]; data?: Record<string, unknown> };
    if (parsed.errors?.length) return true;
    return Object.values(parsed.data ?? {}).some(
      (payload) =>
        typeof payload === 'object' &&
        payload !== null &&
        Array.isArray((payload as { errors?: unknown[] }).errors) &&
        ((payload as { errors: unknown[] }).errors.length ?? 0) > 0,
    );
  } catch {
    return true;
  }
}

/**
 * Runs autocannon against one URL and records every response's latency itself, so that p95
 * (which autocannon's own summary leaves out) comes from the same samples as p50 and p99.
 *
 * @param run - what to send, how hard, how long
 */
export async function runAutocannon(run: AutocannonRun): Promise<LoadSample> {
  const latencies: number[] = [];
  let failures = 0;
  const request: autocannon.Request = {
    method: 'POST',
    headers: run.headers,
    body: run.nextBody(),
    ...(run.varies ? { setupRequest: (req) => ({ ...req, body: run.nextBody() }) } : {}),
    ...(run.checkAnswers
      ? {
          onResponse: (_status: number, body: string) => {
            if (answerFailed(body)) failures++;
          },
        }
      : {}),
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: run.url, connections: run.connections, duration: run.seconds, requests: [request] },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode >= 300) failures++;
    });
  });
  return loadSampleOf(latencies, result.duration, failures + result.errors + result.timeouts);
}
