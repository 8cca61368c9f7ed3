import { AUDIT_KEYS, auditRecordFromItem } from '#kernel/audit';
import type { Connection } from '#kernel/connection';
import { type ListingReader, type PageRequest, readPage } from '#kernel/listing';
import type { Item } from '#kernel/table/table';
import type { AuditEntry } from '../domain/audit-entry.ts';

/** An audit item as the data protection officer sees it. */
function entryFromItem(item: Item): AuditEntry {
  const record = auditRecordFromItem(item);
  return {
    at: record.at,
    action: record.action,
    target: record.target,
    youthId: record.youthId ?? null,
    municipalityCode: record.municipalityCode ?? null,
    reason: record.reason ?? null,
    actorSubject: record.subject,
    actorRole: record.role,
    correlationId: record.correlationId,
    count: record.count ?? 1,
  };
}

/**
 * A page of one young person's audit trail, newest first: one query of their audit partition.
 *
 * @param reader - the request's table and cursor codec
 * @param youthId - the young person
 * @param page - page size and cursor
 */
export function listAuditTrailOfYouth(
  reader: ListingReader,
  youthId: string,
  page: PageRequest,
): Promise<Connection<AuditEntry>> {
  const partition = AUDIT_KEYS.youthPartition(youthId);
  return readPage(
    { table: reader.table, cursors: reader.cursors },
    { query: { partition, forward: false }, scope: partition },
    page,
    entryFromItem,
  );
}

/**
 * A page of the refused attempts concerning a municipality in a period (UTC days, inclusive),
 * newest first: one query of the municipality's refusals on gsi1 (or of the programme-wide
 * list, `PROGRAMME_WIDE_REFUSALS`).
 *
 * @param reader - the request's table and cursor codec
 * @param municipalityCode - the municipality, or `PROGRAMME_WIDE_REFUSALS`
 * @param period - first and last day
 * @param page - page size and cursor
 */
export function listRefusedAttempts(
  reader: ListingReader,
  municipalityCode: string,
  period: { from: string; to: string },
  page: PageRequest,
): Promise<Connection<AuditEntry>> {
  const partition = AUDIT_KEYS.refusedPartition(municipalityCode);
  return readPage(
    { table: reader.table, cursors: reader.cursors },
    {
      query: {
        index: 'gsi1',
        partition,
        // Sort keys are `<ISO instant>#<id>`; `~` sorts after every character of a time.
        between: [period.from, `${period.to}T~`],
        forward: false,
      },
      // The period is part of the scope: a cursor of one period does not page through another.
      scope: `${partition}#${period.from}#${period.to}`,
    },
    page,
    entryFromItem,
  );
}
