import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local';
import { prepareLocalTable } from '#infra/local/prepare-table';
import { createDynamoClient } from '#kernel/table/client';
import { ensureTable } from '#kernel/table/create-table';
import { Table } from '#kernel/table/table';
import { memoryFolder } from './file-dynamodb.ts';

/** The table a demo-world snapshot holds (each file starts its own DynamoDB Local on a copy). */
export const DEMO_SNAPSHOT_TABLE = 'e2e-demo-world';

/** The folder of this test run's snapshots, removed by `tests/support/global-setup.ts`. */
export function snapshotRunFolder(runId = process.env.NEXTWORK_TEST_RUN ?? 'manual'): string {
  return join(memoryFolder() ?? tmpdir(), `nextwork-demo-world-${runId}`);
}

/** The sources whose change changes what the seed writes: the seed and the subgraphs. */
const SOURCE_FOLDERS = ['infra/local', 'infra/migrations', 'subgraphs'];

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A hash of the sources the demo world is written by, so a changed seed is never served stale. */
async function sourcesHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const folder of SOURCE_FOLDERS) {
    for (const file of await sourceFiles(folder)) {
      hash.update(relative('.', file)).update(await readFile(file));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

let built: Promise<string | undefined> | undefined;

/**
 * A DynamoDB Local data folder holding the demo world, seeded and its migrations recorded as
 * `npm start` leaves a new table — seeded once per test run rather than once per file.
 *
 * Measured: writing the demo world's six thousand items into a fresh DynamoDB Local costs as much
 * through a bulk load of the finished items as through the seeders, while a copy of the data
 * folder takes milliseconds; so the files that start a seeded stack start their JVM on a copy.
 * Two workers starting at once may both seed; the first to finish publishes its folder by an
 * atomic rename and the other's is dropped. Where no folder in memory is at hand, there is no
 * snapshot (`undefined`): each file's in-memory DynamoDB Local is seeded as `npm start` seeds.
 */
export function demoWorldSnapshot(): Promise<string | undefined> {
  built ??= memoryFolder() ? build() : Promise.resolve(undefined);
  return built;
}

async function build(): Promise<string> {
  const folder = join(snapshotRunFolder(), await sourcesHash());
  if (existsSync(folder)) return folder;
  const draft = `${folder}.${process.pid}.${Date.now()}`;
  await mkdir(draft, { recursive: true });
  const dynamo = await startDynamoDbLocal({ path: draft });
  try {
    const client = createDynamoClient(dynamo.endpoint);
    await ensureTable(client, DEMO_SNAPSHOT_TABLE);
    await prepareLocalTable(new Table(client, DEMO_SNAPSHOT_TABLE), {
      seed: true,
      progress: () => {},
    });
    client.destroy();
  } finally {
    // Stopped before the copy: DynamoDB Local writes its file through on every change, and
    // closes it on the way out.
    await dynamo.stop();
  }
  try {
    await rename(draft, folder);
  } catch (error) {
    if (!existsSync(folder)) throw error;
    await rm(draft, { recursive: true, force: true });
  }
  return folder;
}
