import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { FileExportSink } from '#kernel/export-sink';
import { type SubgraphServices, servicesFromEnvironment, withServices } from '#kernel/services';
import type { Table } from '#kernel/table/table';
import {
  ERASURE_LEDGER,
  type ErasureLedgerEntry,
  ErasureLedgerEntrySchema,
} from '#people/domain/erasure-ledger';
import { reapplyErasures } from '#people/maintenance/reapply-erasures';
import { createLocalDataSubjectDispatcher } from './data-subject/in-process-dispatcher.ts';
import { DevSignInDirectory } from './dev-sign-in-directory.ts';
import { withMaintenanceTable } from './maintenance-table.ts';

// `npm run reapply-erasures -- --since <ISO time>`: after a point-in-time restore, erases again
// every young person the erasure ledger says was erased at or after the time (the restore point),
// through the same command as `eraseYouth`; one already erased is left as it is. Locally the
// ledger is `.data/exports/erasure-ledger/` and the erasure runs in process over the table
// `withMaintenanceTable` names. Against a stage set ERASURE_LEDGER_BUCKET (the evaluation-exports
// bucket) and what the people function has — TABLE_NAME (the restored table),
// DATA_SUBJECT_FUNCTION_<SUBGRAPH>, USER_POOL_ID, EVALUATION_EXPORT_BUCKET — see docs/runbook.md.

const sinceAt = process.argv.indexOf('--since');
const since = sinceAt >= 0 ? process.argv[sinceAt + 1] : undefined;
if (!since || Number.isNaN(Date.parse(since))) {
  console.error('Usage: npm run reapply-erasures -- --since <ISO 8601 time of the restore point>');
  process.exit(2);
}
const dataDir = process.env.DATA_DIR ?? '.data';
const bucket = process.env.ERASURE_LEDGER_BUCKET;

/** Every entry of the ledger in the bucket (its objects under the ledger's prefix). */
async function ledgerInBucket(name: string): Promise<ErasureLedgerEntry[]> {
  const s3 = new S3Client({});
  const entries: ErasureLedgerEntry[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: name,
        Prefix: `${ERASURE_LEDGER}/`,
        ...(token ? { ContinuationToken: token } : {}),
      }),
    );
    for (const { Key } of page.Contents ?? []) {
      const object = await s3.send(new GetObjectCommand({ Bucket: name, Key }));
      entries.push(
        ErasureLedgerEntrySchema.parse(JSON.parse((await object.Body?.transformToString()) ?? '')),
      );
    }
    token = page.NextContinuationToken;
  } while (token);
  return entries;
}

/** Every entry of the local ledger folder (none when nothing was ever erased). */
async function ledgerInFolder(folder: string): Promise<ErasureLedgerEntry[]> {
  const files = await readdir(folder).catch(() => [] as string[]);
  return Promise.all(
    files
      .filter((file) => file.endsWith('.json'))
      .map(async (file) =>
        ErasureLedgerEntrySchema.parse(JSON.parse(await readFile(join(folder, file), 'utf8'))),
      ),
  );
}

/** The services `eraseYouth` uses: the stage's from the environment, or the local stack's. */
function servicesFor(table: Table): SubgraphServices {
  if (bucket) return servicesFromEnvironment();
  return withServices(servicesFromEnvironment(), {
    dataSubjects: createLocalDataSubjectDispatcher(table),
    signIn: DevSignInDirectory.of(dataDir),
    exports: new FileExportSink(join(dataDir, 'exports')),
  });
}

await withMaintenanceTable(
  async (table) => {
    const ledger = bucket
      ? await ledgerInBucket(bucket)
      : await ledgerInFolder(join(dataDir, 'exports', ERASURE_LEDGER));
    const report = await reapplyErasures(table, servicesFor(table), ledger, since);
    console.log(
      `[reapply-erasures] ${report.considered} erasures since ${since}: ${report.erased.length} erased again, ${report.alreadyErased} already erased, ${report.absent} not in the table, ${report.failed.length} refused`,
    );
    for (const { youthId, code } of report.failed) console.log(`  ${youthId}: ${code}`);
    process.exitCode = report.failed.length > 0 ? 1 : 0;
  },
  { aws: true },
);
