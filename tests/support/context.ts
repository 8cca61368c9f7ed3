import { randomBytes } from 'node:crypto';
import { createLocalDataSubjectDispatcher } from '#infra/local/data-subject/in-process-dispatcher';
import { auditWhoOf, createAuditTrail, DEFAULT_AUDIT_RETENTION_DAYS } from '#kernel/audit';
import type { SubgraphContext } from '#kernel/context';
import { createCursorCodec } from '#kernel/cursor';
import type { DataSubjectDispatcher } from '#kernel/data-subject';
import { createItemLoader } from '#kernel/entity-loader';
import { createLocalFieldCipher } from '#kernel/field-cipher';
import type { Identity } from '#kernel/identity';
import { requestLogger } from '#kernel/logger';
import { createMetricsRecorder } from '#kernel/metrics';
import { type SubgraphServices, servicesFromEnvironment, withServices } from '#kernel/services';
import type { Table } from '#kernel/table/table';
import { RecordingSignInDirectory } from './sign-in.ts';

const cursors = createCursorCodec(randomBytes(32).toString('hex'));
const cipher = createLocalFieldCipher(randomBytes(32).toString('hex'));

/** Services replaced for a test: a dispatcher that counts, a lifecycle engine, an export sink. */
export type TestServices = Parameters<typeof withServices>[1];

/**
 * The services of a subgraph test: a field cipher with a random key, every subgraph's
 * data-subject handler in process over the test's table, the export sink the environment names
 * (`EVALUATION_EXPORT_DIR`), a sign-in directory that only records, no lifecycle engine — each
 * replaceable.
 *
 * @param table - the test file's table
 * @param replaced - services to use instead
 */
export function testServices(table: Table, replaced: TestServices = {}): SubgraphServices {
  const dataSubjects: DataSubjectDispatcher = createLocalDataSubjectDispatcher(table);
  return withServices(servicesFromEnvironment(), {
    cipher,
    dataSubjects,
    signIn: new RecordingSignInDirectory(),
    workflows: null,
    ...replaced,
  });
}

/**
 * The context a subgraph builds for a verified request, for subgraph-level tests that call
 * `server.executeOperation` directly.
 *
 * @param table - the test file's table
 * @param identity - the caller; null for the gateway's anonymous probe
 * @param now - the clock the rules see
 * @param services - services replaced for this test
 */
export function testContext(
  table: Table,
  identity: Identity | null,
  now: Date = new Date('2026-11-26T10:00:00Z'),
  services: TestServices = {},
): SubgraphContext {
  const metrics = createMetricsRecorder();
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
      who: auditWhoOf(identity),
      correlationId: 'test',
      now: () => now,
      retentionDays: DEFAULT_AUDIT_RETENTION_DAYS,
      metrics,
    }),
    services: testServices(table, services),
    metrics,
  };
}
