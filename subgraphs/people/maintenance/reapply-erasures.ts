import { randomBytes } from 'node:crypto';
import { auditRetentionDays, auditWhoOf, createAuditTrail } from '#kernel/audit';
import { runCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { createCursorCodec } from '#kernel/cursor';
import { createItemLoader } from '#kernel/entity-loader';
import { DomainRuleError } from '#kernel/errors';
import type { Identity } from '#kernel/identity';
import { requestLogger } from '#kernel/logger';
import { createMetricsRecorder } from '#kernel/metrics';
import type { SubgraphServices } from '#kernel/services';
import type { Table } from '#kernel/table/table';
import { eraseYouthCommand } from '../domain/erase-youth.ts';
import type { ErasureLedgerEntry } from '../domain/erasure-ledger.ts';
import { YOUTH_RULE } from '../domain/youth-rules.ts';

/**
 * After a point-in-time restore: every erasure the ledger holds from a moment on (the restore
 * point, or earlier to be safe) done again on the restored table, through the same command as
 * `eraseYouth` — the data-subject functions of every subgraph, the sign-in deletion, the
 * `ERASURE` audit record. Idempotent: a young person erased already (in the restored table, or
 * by an earlier run) is answered from the audit record and nothing changes.
 */

/** What a run did. */
export interface ReapplyReport {
  /** Erasures of the ledger from the moment on. */
  considered: number;
  /** Young people erased again now (they had come back with the restore). */
  erased: string[];
  /** Young people the restored table already had erased. */
  alreadyErased: number;
  /** Young people the restored table never had (enrolled after the restore point). */
  absent: number;
  /** Erasures refused now, by their rule's code (`ERASURE_BLOCKED`: end the placement first). */
  failed: Array<{ youthId: string; code: string }>;
}

/** The context of one re-applied erasure: the municipality's data protection officer, as it was. */
function erasureContext(
  table: Table,
  services: SubgraphServices,
  entry: ErasureLedgerEntry,
  now: Date,
): SubgraphContext {
  const identity: Identity = {
    role: 'DATA_PROTECTION_OFFICER',
    subject: 'reapply-erasures',
    municipalityCode: entry.municipalityCode,
  };
  const correlationId = `reapply-erasures-${now.toISOString()}`;
  return {
    identity,
    correlationId,
    logger: requestLogger(correlationId),
    table,
    loader: createItemLoader(table),
    // No listing is read: the cursors are never asked to sign anything that outlives the run.
    cursors: createCursorCodec(randomBytes(32).toString('hex')),
    now: () => now,
    audit: createAuditTrail({
      table,
      who: auditWhoOf(identity),
      correlationId,
      now: () => now,
      retentionDays: auditRetentionDays(),
    }),
    services,
    // Counted for nobody: an operator's run reports what it did on its own output.
    metrics: createMetricsRecorder(),
  };
}

/**
 * Re-applies the ledger's erasures from a moment on, oldest first.
 *
 * @param table - the (restored) table
 * @param services - the services `eraseYouth` uses (data-subject functions, sign-in, exports)
 * @param ledger - the ledger's entries
 * @param since - the moment (ISO 8601): erasures at or after it are re-applied
 * @param now - the time the re-applied erasures are recorded at
 */
export async function reapplyErasures(
  table: Table,
  services: SubgraphServices,
  ledger: readonly ErasureLedgerEntry[],
  since: string,
  now: Date = new Date(),
): Promise<ReapplyReport> {
  const from = Date.parse(since);
  if (Number.isNaN(from)) throw new Error(`--since ${since} is not an ISO 8601 time`);
  const due = ledger
    .filter((entry) => Date.parse(entry.erasedAt) >= from)
    .sort((a, b) => a.erasedAt.localeCompare(b.erasedAt));
  const report: ReapplyReport = {
    considered: due.length,
    erased: [],
    alreadyErased: 0,
    absent: 0,
    failed: [],
  };
  for (const entry of due) {
    const context = erasureContext(table, services, entry, now);
    try {
      const erasure = await runCommand(context, eraseYouthCommand, {
        youthId: entry.youthId,
        reason: entry.ground,
      });
      if (erasure.alreadyErased) report.alreadyErased += 1;
      else report.erased.push(entry.youthId);
    } catch (error) {
      if (!(error instanceof DomainRuleError)) throw error;
      const { code } = error.userError;
      if (code === YOUTH_RULE.NOT_FOUND) report.absent += 1;
      else report.failed.push({ youthId: entry.youthId, code });
    }
  }
  return report;
}
