import { type ChildProcess, fork } from 'node:child_process';
import type { SubgraphName } from '#schema/subgraphs';
import type { StackProcessOptions, StackReply, StackRequest } from './stack-protocol.ts';

/** A local stack running in its own process for the benchmark. */
export interface BenchStack {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  monolithUrl: string;
  /** DynamoDB round trips of the stack's process since the last reset, by command. */
  roundTrips(options?: { reset?: boolean }): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * Starts a local stack (gateway, subgraphs, monolith) in a new Node process over a table that
 * exists already, and waits until it serves.
 *
 * @param options - keys folder, DynamoDB endpoint, table
 */
export async function startBenchStack(options: StackProcessOptions): Promise<BenchStack> {
  const child: ChildProcess = fork(
    new URL('./stack-process.ts', import.meta.url).pathname,
    [JSON.stringify(options)],
    {
      // BENCH_STACK_NODE_ARGS adds Node options to the stack process, e.g. `--cpu-prof` to see
      // where its time goes.
      execArgv: [
        '--import',
        'tsx',
        ...(process.env.BENCH_STACK_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      ],
      // Requests are logged at INFO in production; here the log would only compete for the CPU
      // the measurement is about. Warnings and errors still show.
      env: {
        ...process.env,
        LOG_LEVEL: 'WARN',
        NODE_ENV: 'production',
        // Each bench role is one identity under load: the per-identity limit would refuse it.
        RATE_LIMIT_PER_MINUTE: '1000000',
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  let nextId = 1;
  let exited: number | null | undefined;
  const waiting = new Map<number, { resolve: (reply: StackReply) => void; reject: () => void }>();
  const ready = new Promise<Extract<StackReply, { type: 'ready' }>>((resolve, reject) => {
    child.once('exit', (code) => {
      exited = code;
      reject(new Error(`The stack process exited with ${code}`));
      // Nothing it was asked will be answered any more.
      for (const pending of waiting.values()) pending.reject();
    });
    child.on('message', (reply: StackReply) => {
      if (reply.type === 'ready') resolve(reply);
      else waiting.get(reply.id)?.resolve(reply);
    });
  });
  const ask = (request: { type: 'round-trips'; reset: boolean }) =>
    new Promise<StackReply>((resolve, reject) => {
      if (exited !== undefined) {
        reject(new Error(`The stack process exited with ${exited}`));
        return;
      }
      const id = nextId++;
      waiting.set(id, {
        resolve: (reply) => {
          waiting.delete(id);
          resolve(reply);
        },
        reject: () => reject(new Error('The stack process exited before it answered')),
      });
      child.send({ ...request, id } satisfies StackRequest);
    });
  const started = await ready;
  return {
    gatewayUrl: started.gatewayUrl,
    subgraphUrls: started.subgraphUrls,
    monolithUrl: started.monolithUrl,
    async roundTrips({ reset = true } = {}) {
      const reply = await ask({ type: 'round-trips', reset });
      return reply.type === 'round-trips' ? reply.byCommand : {};
    },
    async stop() {
      if (exited !== undefined) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop', id: nextId++ } satisfies StackRequest);
      const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(forced);
    },
  };
}
