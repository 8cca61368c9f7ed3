import { randomInt } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ERROR_CODES, OutcomeUnknownError } from './errors.ts';
import { key, newId, PREFIX } from './keys.ts';
import { knownLabel, type Label, type MetricsRecorder } from './metrics.ts';
import { itemMustNotExist } from './table/expressions.ts';
import type { Item, Table } from './table/table.ts';

/** What happened: a read of a young person's personal data, a change, an export, an erasure, a refusal. */
export type AuditAction = 'READ' | 'CHANGE' | 'EXPORT' | 'ERASURE' | 'REFUSED';

/**
 * One audited event. Never carries personal data: the young person appears only by their
 * pseudonymous id, a refusal only by an error code and a short fixed reason.
 */
export interface AuditEvent {
  action: AuditAction;
  /** The operation or field, e.g. 'Mutation.changeYouthStatus', 'Youth.barriers', 'gateway:depth'. */
  target: string;
  /** The young person concerned, when there is one (the DPO queries by it). */
  youthId?: string;
  municipalityCode?: string;
  /** Why it was refused (an error code and a short reason without personal data). */
  reason?: string;
  /**
   * How many times it happened in the request (refusals of the same target, young person and
   * reason are one record), or in the rate-limit window of a counted refusal; 1 when absent.
   */
  count?: number;
}

/** Collects a request's audit events and writes them (append-only) when the request ends. */
export interface AuditTrail {
  /** Keeps an event to be written when the request ends (reads and refusals). */
  record(event: AuditEvent): void;
  /** Writes the kept events; throws {@link AuditWriteError} when they could not be written. */
  flush(): Promise<void>;
}

/** A subgraph request's audit trail, which also hands a change the items of its own events. */
export interface RequestAuditTrail extends AuditTrail {
  /**
   * The stored item of an event, as this trail would write it (who, when, correlation id), for
   * a change's own transaction to write: a change and its `CHANGE` record commit together or
   * not at all (see `command.ts`).
   */
  itemFor(event: AuditEvent): Item;
}

/** How long audit records are kept unless `AUDIT_RETENTION_DAYS` says otherwise: five years. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 5 * 366;

/**
 * The configured retention of audit records in days (`AUDIT_RETENTION_DAYS`), or the default.
 *
 * @param env - the process environment
 * @default env - process.env
 */
export function auditRetentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.AUDIT_RETENTION_DAYS);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_AUDIT_RETENTION_DAYS;
}

/**
 * How many partitions the events of one day that concern no young person are spread over. Each
 * event goes to one chosen at random (not by anything the caller sends, such as the
 * correlation id), so no caller can make one partition hot; a reader of a day reads them all
 * ({@link AUDIT_KEYS}`.dayPartitions`).
 */
export const DAY_SHARDS = 16;

/**
 * The gsi1 list of refusals that no municipality's officer would otherwise see: those of the
 * programme office, of unauthenticated callers and of company contacts (whose token names no
 * municipality). Every data protection officer reads it (`refusedAttempts(scope: PROGRAMME_WIDE)`).
 */
export const PROGRAMME_WIDE_REFUSALS = 'PROGRAMME';

/**
 * Where audit items live. Events about a young person go to that young person's partition (the
 * DPO reads a trail with one query, newest first); the others to one of {@link DAY_SHARDS}
 * partitions per day (UTC). Refusals are also indexed on gsi1: per municipality, or on the
 * programme-wide list when no municipality is known, so that every refusal reaches a DPO.
 */
export const AUDIT_KEYS = {
  /** The partition of a young person's trail. */
  youthPartition: (youthId: string) => key(PREFIX.audit, 'YOUTH', youthId),
  /**
   * The unsharded partition of a day, where events about no young person went before the days
   * were spread over shards: still read with the shards, never written.
   */
  dayPartition: (day: string) => key(PREFIX.audit, 'DAY', day),
  /** One shard of a day's events that concern no young person. */
  dayShardPartition: (day: string, shard: number) => key(PREFIX.audit, 'DAY', day, shard),
  /** Every partition of a day's events that concern no young person: the shards and the old one. */
  dayPartitions: (day: string): string[] => [
    ...Array.from({ length: DAY_SHARDS }, (_, shard) => AUDIT_KEYS.dayShardPartition(day, shard)),
    AUDIT_KEYS.dayPartition(day),
  ],
  /**
   * The gsi1 partition of a municipality's refused attempts, or of the programme-wide list
   * ({@link PROGRAMME_WIDE_REFUSALS}).
   */
  refusedPartition: (municipalityCode: string) => key(PREFIX.audit, 'REFUSED', municipalityCode),
  /**
   * The gsi2 partition of what a young person did outside their own partition (a refused look
   * at another's data, an event about no young person): their erasure finds it with one query.
   */
  actorPartition: (youthId: string) => key(PREFIX.audit, 'ACTOR', youthId),
} as const;

/** The subject an erasure leaves on the records the erased person made (art. 17(3)(b)). */
export const ERASED_SUBJECT = 'erased';

/** Who writes a request's audit records: the caller's subject and role, and a young person's own id. */
export interface AuditWho {
  subject: string;
  role: string;
  /** The caller's own young-person id (role `YOUTH`), so their erasure can find their records. */
  youthId?: string;
}

/**
 * Who the audit records of a verified caller name.
 *
 * @param identity - the caller, null when anonymous
 */
export function auditWhoOf(
  identity: { subject: string; role: string; youthId?: string } | null,
): AuditWho | null {
  if (!identity) return null;
  const { subject, role, youthId } = identity;
  return youthId ? { subject, role, youthId } : { subject, role };
}

/** The stored shape of one audit event: the event, who, when, and the request it belongs to. */
export interface AuditRecord extends AuditEvent {
  /** The caller's subject (the identity provider's id), `anonymous` when there was none. */
  subject: string;
  /** The caller's role, `NONE` when there was none. */
  role: string;
  /** When, ISO 8601 in UTC. */
  at: string;
  correlationId: string;
}

/**
 * Reads an audit item back as a record (for the DPO's queries).
 *
 * @param item - an item written by an audit trail
 */
export function auditRecordFromItem(item: Item): AuditRecord {
  const record: AuditRecord = {
    action: item.action as AuditAction,
    target: String(item.target),
    subject: String(item.subject),
    role: String(item.role),
    at: String(item.at),
    correlationId: String(item.correlationId ?? ''),
  };
  if (typeof item.youthId === 'string') record.youthId = item.youthId;
  if (typeof item.municipalityCode === 'string') record.municipalityCode = item.municipalityCode;
  if (typeof item.reason === 'string') record.reason = item.reason;
  if (typeof item.count === 'number' && item.count > 1) record.count = item.count;
  return record;
}

/**
 * The audit trail of a request could not be written. Carries what was lost — actions, targets
 * and pseudonymous ids, never personal data — so that the log line can repair the trail.
 */
export class AuditWriteError extends Error {
  /**
   * @param events - the events that may not have been written
   * @param cause - the table's error
   */
  constructor(
    readonly events: ReadonlyArray<Pick<AuditEvent, 'action' | 'target' | 'youthId'>>,
    cause: unknown,
  ) {
    super('The audit trail could not be written', { cause });
    this.name = 'AuditWriteError';
  }
}

/**
 * A request would have needed more audit records than one request may write
 * ({@link MAX_EVENTS_PER_REQUEST}). Nothing is answered unaudited: the field that would have
 * needed the record fails, and the whole response is withheld (`subgraph-server.ts`).
 */
export class TooManyAuditEventsError extends GraphQLError {
  constructor() {
    super(
      `The request would need more than ${MAX_EVENTS_PER_REQUEST} audit records; ask for less in one request`,
      { extensions: { code: ERROR_CODES.TOO_MANY_AUDIT_EVENTS } },
    );
  }
}

/** TransactWriteItems takes at most 100 actions. */
const WRITE_CHUNK = 100;
/**
 * The distinct records one request may write (READs are one per young person, refusals one per
 * target, young person and reason). Past it the request is refused, never left unaudited.
 */
export const MAX_EVENTS_PER_REQUEST = 1000;

/**
 * The audit trail of one request: who (the identity's subject and role), when (now), correlation id.
 *
 * Events are collected in memory and written by `flush` at the end of the request, in as few
 * round trips as DynamoDB allows: one `PutItem` for a single event, otherwise transactions of
 * up to 100 conditional puts. Every item is written with `attribute_not_exists(pk)` and a fresh
 * id, so a record can never overwrite another (append-only; IAM grants only `PutItem` on
 * `AUDIT#…`). READ events are collapsed to one per young person and request, refusals to one
 * per target, young person and reason, with their `count`. No event is dropped: one that would
 * need a record past {@link MAX_EVENTS_PER_REQUEST} throws {@link TooManyAuditEventsError} (the
 * field fails instead of answering), and the request's flush then writes what it holds plus one
 * `REFUSED` record of the overflow and throws it too, so the response is withheld. `flush`
 * throws when the write fails: the caller decides what the request may still return (see
 * `subgraph-server.ts`: data withheld when personal data was read).
 *
 * @param options.table - the single table
 * @param options.who - the verified caller, null for an anonymous or unverifiable one
 * @param options.correlationId - the request's correlation id
 * @param options.now - the clock (tests control it)
 * @param options.retentionDays - days after which DynamoDB's TTL removes the records
 * @param options.maxEvents - the distinct records one request may write
 * @param options.metrics - where each refusal is counted by its code (`Refusals`)
 * @default options.maxEvents - {@link MAX_EVENTS_PER_REQUEST}
 * @default options.metrics - none: refusals are only recorded
 */
export function createAuditTrail(options: {
  table: Table;
  who: AuditWho | null;
  correlationId: string;
  now: () => Date;
  retentionDays: number;
  maxEvents?: number;
  metrics?: MetricsRecorder;
}): RequestAuditTrail {
  const { table, who, correlationId, now, retentionDays, metrics } = options;
  const maxEvents = options.maxEvents ?? MAX_EVENTS_PER_REQUEST;
  let pending: AuditEvent[] = [];
  let kept = 0;
  let overflow = 0;
  // The overflow's record goes to the DPO of the municipality the refused events concerned.
  let overflowMunicipality: string | undefined;
  const readYouth = new Set<string>();
  // Refusals waiting to be written, by what makes two the same: a repeat only counts.
  let pendingRefusals = new Map<string, AuditEvent>();
  // Every write of the trail so far. A batched HTTP request runs several operations on one
  // trail, and one operation's flush may write another's events: each flush waits for all of
  // them, so no operation answers before its events are stored, or answers when they failed.
  const writes: Promise<void>[] = [];

  return {
    itemFor(event) {
      return toItem(event, { who, correlationId, at: now(), retentionDays });
    },
    record(event) {
      if (event.action === 'REFUSED' && metrics) {
        metrics.count('Refusals', { code: refusalCodeOf(event) }, event.count ?? 1);
      }
      if (event.action === 'READ' && event.youthId && readYouth.has(event.youthId)) return;
      const refusal = event.action === 'REFUSED' ? refusalKey(event) : undefined;
      const same = refusal === undefined ? undefined : pendingRefusals.get(refusal);
      if (same) {
        same.count = (same.count ?? 1) + (event.count ?? 1);
        return;
      }
      if (kept >= maxEvents) {
        overflow += event.count ?? 1;
        overflowMunicipality ??= event.municipalityCode;
        throw new TooManyAuditEventsError();
      }
      kept += 1;
      if (event.action === 'READ' && event.youthId) readYouth.add(event.youthId);
      const copy = { ...event };
      if (refusal !== undefined) pendingRefusals.set(refusal, copy);
      pending.push(copy);
    },
    async flush() {
      const refusedForOverflow = overflow > 0;
      if (refusedForOverflow) {
        pending.push({
          action: 'REFUSED',
          target: 'audit:events-per-request',
          reason: `${ERROR_CODES.TOO_MANY_AUDIT_EVENTS}: more than ${maxEvents} records`,
          count: overflow,
          ...(overflowMunicipality ? { municipalityCode: overflowMunicipality } : {}),
        });
        overflow = 0;
      }
      if (pending.length > 0) {
        const events = pending;
        pending = [];
        pendingRefusals = new Map();
        const at = now();
        const items = events.map((event) =>
          toItem(event, { who, correlationId, at, retentionDays }),
        );
        writes.push(
          writeAppendOnly(table, items).catch((error: unknown) => {
            throw new AuditWriteError(
              events.map(({ action, target, youthId }) =>
                youthId ? { action, target, youthId } : { action, target },
              ),
              error,
            );
          }),
        );
      }
      await Promise.all(writes);
      if (refusedForOverflow) throw new TooManyAuditEventsError();
    },
  };
}

/** What makes two refusals of one request the same record. */
function refusalKey(event: AuditEvent): string {
  return JSON.stringify([event.target, event.youthId ?? '', event.reason ?? '']);
}

/**
 * Writes new items only: one conditional `PutItem`, or transactions of up to 100 conditional
 * puts (one round trip per 100 events; `BatchWriteItem` would allow neither the condition nor an
 * IAM grant narrower than "write anything").
 */
async function writeAppendOnly(table: Table, items: readonly Item[]): Promise<void> {
  if (items.length === 1 && items[0]) {
    const [item] = items;
    await appended(table, item, () => table.put(item, itemMustNotExist));
    return;
  }
  const writes: Promise<void>[] = [];
  for (let start = 0; start < items.length; start += WRITE_CHUNK) {
    const chunk = items.slice(start, start + WRITE_CHUNK);
    const [first] = chunk;
    if (!first) continue;
    writes.push(
      appended(table, first, () =>
        table.transact(chunk.map((put) => ({ put, condition: itemMustNotExist }))),
      ),
    );
  }
  await Promise.all(writes);
}

/**
 * Runs an append and, when its answer was lost (`OUTCOME_UNKNOWN`), looks whether it happened:
 * an audit item's key is new (its id is fresh), so an item found under it is this append's own —
 * typically written by an attempt whose answer was lost, whose retry then failed
 * `attribute_not_exists` on it. A transaction writes all of its items or none, so its first
 * tells. Not found, or not readable, the append stays unknown.
 *
 * @param table - the table
 * @param first - the (first) item appended
 * @param append - the write
 */
async function appended(table: Table, first: Item, append: () => Promise<void>): Promise<void> {
  try {
    await append();
  } catch (error) {
    if (!(error instanceof OutcomeUnknownError)) throw error;
    const found = await table.get({ pk: first.pk, sk: first.sk }).catch(() => undefined);
    if (!found) throw error;
  }
}

/** Builds the stored item of one event. */
function toItem(
  event: AuditEvent,
  context: {
    who: AuditWho | null;
    correlationId: string;
    at: Date;
    retentionDays: number;
  },
): Item {
  const at = context.at.toISOString();
  const id = newId(context.at.getTime());
  const sk = key(at, id);
  const pk = event.youthId
    ? AUDIT_KEYS.youthPartition(event.youthId)
    : AUDIT_KEYS.dayShardPartition(at.slice(0, 10), randomInt(DAY_SHARDS));
  const item: Item = {
    pk,
    sk,
    entity: 'AUDIT',
    action: event.action,
    target: event.target,
    subject: context.who?.subject ?? 'anonymous',
    role: context.who?.role ?? 'NONE',
    at,
    correlationId: context.correlationId,
    expiresAt: Math.floor(context.at.getTime() / 1000) + context.retentionDays * 86_400,
  };
  if (event.youthId) item.youthId = event.youthId;
  if (event.municipalityCode) item.municipalityCode = event.municipalityCode;
  if (event.reason) item.reason = event.reason;
  if (event.count && event.count > 1) item.count = event.count;
  if (event.action === 'REFUSED') {
    item.gsi1pk = AUDIT_KEYS.refusedPartition(event.municipalityCode ?? PROGRAMME_WIDE_REFUSALS);
    item.gsi1sk = sk;
  }
  const actor = context.who?.youthId;
  if (actor) {
    item.actorYouthId = actor;
    if (event.youthId !== actor) {
      item.gsi2pk = AUDIT_KEYS.actorPartition(actor);
      item.gsi2sk = sk;
    }
  }
  return item;
}

const REFUSAL_CODES: ReadonlySet<string> = new Set(Object.values(ERROR_CODES));

/** A refusal's code, from its reason (`FORBIDDEN: rule …`): the metric's dimension. */
function refusalCodeOf(event: AuditEvent): Label {
  return knownLabel(event.reason?.split(':', 1)[0], REFUSAL_CODES);
}
