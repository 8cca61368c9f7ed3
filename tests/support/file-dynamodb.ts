import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningDynamoDb, startDynamoDbLocal } from '#infra/local/dynamodb-local';

/**
 * A folder in memory (Linux's `/dev/shm`), where DynamoDB Local's data file is as fast as its
 * `-inMemory` mode; on a disk every write waits for the file (a seed overran a two-minute hook).
 */
export function memoryFolder(): string | undefined {
  return existsSync('/dev/shm') ? '/dev/shm' : undefined;
}

let running: Promise<RunningDynamoDb> | undefined;
let runningFrom: string | undefined;
let copyFolder: string | undefined;

/**
 * The DynamoDB Local of the test file running in this process, started on first use: in memory,
 * or on a copy of a data folder (`from`, a demo-world snapshot) for the files that need it filled.
 *
 * Every test file gets its own: one DynamoDB Local grows slower with everything written into it
 * over a run — measured: seeding the demo world took 5 s into the first table and 46 s into the
 * fifth, deleted tables or not — so a run-wide instance made the suite's last files crawl and the
 * e2e files' seeding overrun its hook timeout in CI. A JVM start costs a second or two; files
 * that never touch the table (unit tests) start none. `tests/support/setup-file.ts` stops it
 * when the file ends.
 *
 * @param options.from - a DynamoDB Local data folder to start on a copy of; without it, whatever
 *   this file's DynamoDB Local runs on
 */
export async function dynamoEndpointOfThisFile(options: { from?: string } = {}): Promise<string> {
  if (running && options.from && options.from !== runningFrom) {
    throw new Error(
      `This file's DynamoDB Local already runs ${runningFrom ? `on a copy of ${runningFrom}` : 'in memory'}: ask for the same data once, before any other use`,
    );
  }
  if (!running) {
    runningFrom = options.from;
    running = startOnce(options.from);
  }
  return (await running).endpoint;
}

async function startOnce(from: string | undefined): Promise<RunningDynamoDb> {
  if (!from) return startDynamoDbLocal();
  copyFolder = await mkdtemp(join(memoryFolder() ?? tmpdir(), 'nextwork-file-dynamodb-'));
  await cp(from, copyFolder, { recursive: true });
  return startDynamoDbLocal({ path: copyFolder });
}

/** Stops this file's DynamoDB Local, the Java process included, and drops its copy, if any. */
export async function stopDynamoDbOfThisFile(): Promise<void> {
  const started = running;
  const folder = copyFolder;
  running = undefined;
  runningFrom = undefined;
  copyFolder = undefined;
  if (started) await (await started).stop();
  if (folder) await rm(folder, { recursive: true, force: true });
}
