import * as z from 'zod';
import type { ExportSink } from '#kernel/export-sink';
import { EntityIdSchema, MunicipalityCodeSchema } from '#kernel/validation';

/**
 * The ledger of erasures, kept OUTSIDE the table: a point-in-time restore brings back every
 * young person erased after the restore point, and this is how they are found and erased
 * again (`npm run reapply-erasures`). One object per erasure, under the `erasure-ledger/`
 * prefix of the evaluation-exports bucket (locally `.data/exports/erasure-ledger/`): that
 * bucket is outside the table, encrypted with the data key, versioned, private and kept in
 * prod, and the people function may already put objects there and do nothing else, so the
 * ledger needs no new grant. An entry holds ids, codes and a time — no personal data.
 */

/** The folder (key prefix) of the ledger within the export sink. */
export const ERASURE_LEDGER = 'erasure-ledger';

/** One erasure as the ledger keeps it. */
export const ErasureLedgerEntrySchema = z.object({
  /** The erased young person's (old, random) id. */
  youthId: EntityIdSchema,
  /** Their municipality: whose data protection officer erases them again. */
  municipalityCode: MunicipalityCodeSchema,
  /** The art. 17(1) ground, as a code. */
  ground: z.string(),
  /** When they were erased, ISO 8601. */
  erasedAt: z.iso.datetime(),
});

/** One erasure as the ledger keeps it. */
export type ErasureLedgerEntry = z.infer<typeof ErasureLedgerEntrySchema>;

/**
 * The ledger's file (object) of a young person: one per person, named by the id in base64url
 * (an id may hold characters a file name must not).
 *
 * @param youthId - the erased young person's id
 */
export function ledgerFileName(youthId: string): string {
  return `erasure-${Buffer.from(youthId, 'utf8').toString('base64url')}.json`;
}

/**
 * Adds an erasure to the ledger. A young person already in it (an erasure re-applied after a
 * restore) keeps the entry: the local sink refuses to overwrite a file, and S3 keeps the earlier
 * version of the object.
 *
 * @param sink - the export sink (S3 bucket in AWS, a folder locally)
 * @param entry - the erasure
 */
export async function recordErasure(sink: ExportSink, entry: ErasureLedgerEntry): Promise<void> {
  try {
    await sink.write(ERASURE_LEDGER, ledgerFileName(entry.youthId), JSON.stringify(entry));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
}
