import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local';
import type { DemoWorld } from '#infra/local/seed/demo-world';
import { seedDemoWorld } from '#infra/local/seed/seed-all';
import { createDynamoClient } from '#kernel/table/client';
import { ensureTable } from '#kernel/table/create-table';
import { type Item, Table } from '#kernel/table/table';
import { INVITED_PAIRS } from '../operations.ts';
import { seedBenchIntroductions } from './bench-introductions.ts';
import { DATA_SETS, type DataSetName } from './scaled-world.ts';

/** The benchmark's folder: keys, bundles, data sets and results (git-ignored under .data/). */
export const BENCH_DIR = '.data/bench';

/** Every data set, in the order they are generated. */
export const DATA_SET_NAMES: readonly DataSetName[] = ['demo', 'tenfold', 'national'];

/** The table of every data set: `npm start`'s, so `DATA_DIR=<its folder> npm start` serves it. */
export const DATA_SET_TABLE = 'nextwork';

/**
 * A data set's own folder, laid out as `npm start` lays out its data folder (`dynamodb/`).
 * One data set per DynamoDB Local database: with a second table in the same file, DynamoDB
 * Local's writes slowed down tenfold when this was measured.
 */
export function dataSetDir(dataSet: DataSetName): string {
  return join(BENCH_DIR, 'data-sets', dataSet);
}

/** The folder DynamoDB Local keeps a data set's database in. */
export function dataSetDynamoDir(dataSet: DataSetName): string {
  return join(dataSetDir(dataSet), 'dynamodb');
}

const DB_FILE = 'shared-local-instance.db';
const MARKER_FILE = 'data-set.json';

/**
 * A table that seeds in parallel: the seeders hand `putMany` hundreds of thousands of items,
 * which the kernel writes one `BatchWriteItem` after another; here several are in flight.
 */
class ParallelSeedingTable extends Table {
  written = 0;

  constructor(
    client: DynamoDBClient,
    name: string,
    private readonly onWritten: (count: number) => void,
    private readonly writers = 12,
  ) {
    super(client, name);
  }

  override async putMany(items: readonly Item[]): Promise<void> {
    const chunkSize = 250;
    let next = 0;
    const writer = async () => {
      while (next < items.length) {
        const chunk = items.slice(next, next + chunkSize);
        next += chunkSize;
        await super.putMany(chunk);
        this.written += chunk.length;
        this.onWritten(this.written);
      }
    };
    await Promise.all(Array.from({ length: this.writers }, writer));
  }
}

/**
 * Seeds a world into a table (created when missing) through the subgraphs' own seeders
 * (`seedDemoWorld`), so the items are exactly those the subgraphs write; several batches at once.
 * With the team's introductions the `invite-youth` operation needs (`bench-introductions.ts`).
 *
 * @param client - a client of the DynamoDB to fill
 * @param tableName - the table
 * @param world - the world
 * @returns how many items were written
 */
export async function seedWorld(
  client: DynamoDBClient,
  tableName: string,
  world: DemoWorld,
  onWritten: (count: number) => void = () => {},
): Promise<number> {
  await ensureTable(client, tableName);
  const table = new ParallelSeedingTable(client, tableName, onWritten);
  await seedDemoWorld(table, world);
  await seedBenchIntroductions(table, world, INVITED_PAIRS);
  return table.written;
}

/**
 * Seeds one of the benchmark's data sets into a table, with progress.
 *
 * @param client - a client of the DynamoDB to fill
 * @param dataSet - which world
 * @param tableName - the table to create and fill
 * @param onProgress - progress lines
 */
export async function seedDataSet(
  client: DynamoDBClient,
  dataSet: DataSetName,
  tableName: string,
  onProgress: (message: string) => void = () => {},
): Promise<number> {
  const started = performance.now();
  let reported = 0;
  const written = await seedWorld(client, tableName, DATA_SETS[dataSet].build(), (count) => {
    if (count - reported >= 50_000) {
      reported = count;
      onProgress(`${dataSet}: ${count} items written`);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  onProgress(`${dataSet}: ${written} items in ${seconds.toFixed(0)} s`);
  return written;
}

/**
 * A fingerprint of the code that decides which items a data set holds (seeders, repositories,
 * domain schemas, the kernel, the world builder), so that data sets kept on disk are generated
 * again when that code changed rather than benchmarked in an outdated shape.
 */
export async function seedingFingerprint(): Promise<string> {
  const roots = ['infra/local/seed', 'subgraphs', 'tests/bench/world'];
  const hash = createHash('sha256');
  for (const root of roots) {
    const files = (await readdir(root, { recursive: true }))
      .filter((f) => f.endsWith('.ts') && !/generated|resolvers/.test(f))
      .sort();
    for (const file of files) {
      hash.update(file);
      hash.update(await readFile(join(root, file)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** What `npm run bench:data` generated, kept next to the data. */
export interface DataSetMarker {
  fingerprint: string;
  generatedAt: string;
  seconds: number;
  items: number;
}

/**
 * Makes sure a data set's folder holds its current data, generating it when it is missing, was
 * generated by other seeding code, or `force` is set.
 *
 * DynamoDB Local on disk commits every write with an fsync, which on a slow disk makes hundreds
 * of thousands of writes take most of an hour; so where there is a RAM disk (`/dev/shm`), the
 * data set is written to a DynamoDB Local whose files are there, and its database file is then
 * copied into place in one go. Reading it later is as fast as from any other folder.
 *
 * @param dataSet - which data set
 * @param options.force - generate even when the data set is current
 * @param options.onProgress - progress lines
 */
export async function ensureDataSet(
  dataSet: DataSetName,
  options: { force?: boolean; onProgress?: (message: string) => void } = {},
): Promise<DataSetMarker> {
  const progress = options.onProgress ?? (() => {});
  const fingerprint = await seedingFingerprint();
  const folder = dataSetDir(dataSet);
  const dynamoDir = dataSetDynamoDir(dataSet);
  const markerPath = join(folder, MARKER_FILE);
  const marker = await readFile(markerPath, 'utf8')
    .then((text) => JSON.parse(text) as DataSetMarker)
    .catch(() => undefined);
  if (
    !options.force &&
    marker?.fingerprint === fingerprint &&
    existsSync(join(dynamoDir, DB_FILE))
  ) {
    progress(`${dataSet}: current (${marker.items} items, generated ${marker.generatedAt})`);
    return marker;
  }
  progress(
    marker
      ? `${dataSet}: the seeding code changed since it was generated; generating it again`
      : `${dataSet}: generating ${DATA_SETS[dataSet].describe}`,
  );
  const started = performance.now();
  await rm(dynamoDir, { recursive: true, force: true });
  await mkdir(dynamoDir, { recursive: true });
  const staging = existsSync('/dev/shm') ? await mkdtemp('/dev/shm/nextwork-bench-') : dynamoDir;
  const dynamo = await startDynamoDbLocal({ path: staging });
  const client = createDynamoClient(dynamo.endpoint);
  let items: number;
  try {
    items = await seedDataSet(client, dataSet, DATA_SET_TABLE, progress);
  } finally {
    client.destroy();
    await dynamo.stop();
  }
  if (staging !== dynamoDir) {
    await copyFile(join(staging, DB_FILE), join(dynamoDir, DB_FILE));
    await rm(staging, { recursive: true, force: true });
  }
  const next: DataSetMarker = {
    fingerprint,
    generatedAt: new Date().toISOString(),
    seconds: Math.round((performance.now() - started) / 1000),
    items,
  };
  await writeFile(markerPath, JSON.stringify(next, null, 2));
  return next;
}
