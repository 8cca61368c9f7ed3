import { randomBytes } from 'node:crypto';
import { createAuditTrail, DEFAULT_AUDIT_RETENTION_DAYS } from '#kernel/audit';
import type { SubgraphContext } from '#kernel/context';
import { createCursorCodec } from '#kernel/cursor';
import { createItemLoader } from '#kernel/entity-loader';
import type { Identity } from '#kernel/identity';
import { requestLogger } from '#kernel/logger';
import type { Table } from '#kernel/table/table';

const cursors = createCursorCodec(randomBytes(32).toString('hex'));

/**
 * The context a subgraph builds for a verified request, for subgraph-level tests that call
 * `server.executeOperation` directly.
 *
 * @param table - the test file's table
 * @param identity - the caller; null for the gateway's anonymous probe
 * @param now - the clock the rules see
 */
export function testContext(
  table: Table,
  identity: Identity | null,
  now: Date = new Date('2026-11-26T10:00:00Z'),
): SubgraphContext {
  return {
    identity,
    correlationId: 'test',
    logger: requestLogger('test'),
    table,
    loader: createItemLoader(table),
    cursors,
    now: () => now,
    audit: createAuditTrail({
      table,
      who: identity ? { subject: identity.subject, role: identity.role } : null,
      correlationId: 'test',
      now: () => now,
      retentionDays: DEFAULT_AUDIT_RETENTION_DAYS,
    }),
  };
}
