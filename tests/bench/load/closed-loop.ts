import { Agent, request } from 'node:http';
import { type LoadSample, loadSampleOf } from './load-sample.ts';

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/**
 * POSTs a JSON body over a kept-alive loopback connection and returns the parsed answer.
 *
 * @param url - where
 * @param body - the JSON text
 * @param headers - extra headers
 */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: { data?: unknown; errors?: unknown[] } }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
            });
          } catch (error) {
            reject(error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A closed-loop load: `concurrency` workers each run `iteration` back to back until the time is
 * up; an iteration's latency is from its start to its end, whatever it does inside (one
 * request to the gateway, or the query plan's requests straight to the subgraphs).
 *
 * @param options.iteration - one unit of work; resolves false when it failed
 * @param options.concurrency - workers in parallel
 * @param options.seconds - how long
 */
export async function runClosedLoop(options: {
  iteration: () => Promise<boolean>;
  concurrency: number;
  seconds: number;
}): Promise<LoadSample> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      const ok = await options.iteration().catch(() => false);
      latencies.push(performance.now() - begin);
      if (!ok) failures++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return loadSampleOf(latencies, (performance.now() - started) / 1000, failures);
}
