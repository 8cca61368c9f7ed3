import { AUDIT_KEYS, PROGRAMME_WIDE_REFUSALS } from '#kernel/audit';
import type { Identity } from '#kernel/identity';
import { logger } from '#kernel/logger';
import type { Table } from '#kernel/table/table';
import { rateLimitKey } from './rate-limit.ts';
import { GATEWAY_REFUSALS } from './refusals.ts';

/** The sort key of the refusal count beside a caller's rate counter of one window. */
export const RATE_LIMITED_SK = 'REFUSED';

/** Counts one refused (rate-limited) call of a caller. */
export type RateLimitedCounter = (identity: Identity, correlationId: string) => Promise<void>;

/**
 * Where the count of a caller's rate-limited calls in one window is kept: beside the caller's
 * rate counter (`RATE#<hashed subject>#<minute>`), which the gateway may update.
 *
 * @param subject - the caller's subject
 * @param window - the window's number (minutes since the epoch)
 */
export function rateLimitedCountKey(subject: string, window: number) {
  return { pk: rateLimitKey(subject, window).pk, sk: RATE_LIMITED_SK };
}

/**
 * Counts rate-limited calls instead of writing an audit record for each: one item per caller and
 * window (a minute), its `count` added to by every 429 (`UpdateItem ADD`), so a flood of
 * refused calls adds no records and makes no audit partition hot. The item reads as a `REFUSED`
 * audit record (target `gateway:rate-limit`, the caller, the window's start, the latest call's
 * correlation id, the count) and is listed on gsi1 among the refused attempts of the caller's
 * municipality, or on the programme-wide list, so the data protection officer sees it with
 * `refusedAttempts`; it is kept as long as the audit trail. A failed count is logged: the call
 * is refused all the same.
 *
 * @param options.table - the single table
 * @param options.retentionDays - how long the count is kept
 * @param options.now - the clock, in milliseconds
 * @default options.now - Date.now
 */
export function createRateLimitedCounter(options: {
  table: Table;
  retentionDays: number;
  now?: () => number;
}): RateLimitedCounter {
  const now = options.now ?? Date.now;
  return async (identity, correlationId) => {
    const window = Math.floor(now() / 60_000);
    const start = new Date(window * 60_000).toISOString();
    const key = rateLimitedCountKey(identity.subject, window);
    const municipalityCode = 'municipalityCode' in identity ? identity.municipalityCode : undefined;
    const set: Record<string, unknown> = {
      entity: 'AUDIT',
      action: 'REFUSED',
      target: GATEWAY_REFUSALS.RATE_LIMITED,
      reason: 'RATE_LIMITED: over the rate limit; count of the window in `count`',
      subject: identity.subject,
      role: identity.role,
      at: start,
      correlationId,
      gsi1pk: AUDIT_KEYS.refusedPartition(municipalityCode ?? PROGRAMME_WIDE_REFUSALS),
      gsi1sk: `${start}#${key.pk}`,
      expiresAt: window * 60 + options.retentionDays * 86_400,
      ...(municipalityCode ? { municipalityCode } : {}),
      // A young person's count is theirs, like any record they made: listed where their erasure
      // finds it and replaces their subject (`audit-actor-redaction.ts`).
      ...(identity.role === 'YOUTH'
        ? {
            actorYouthId: identity.youthId,
            gsi2pk: AUDIT_KEYS.actorPartition(identity.youthId),
            gsi2sk: `${start}#${key.pk}`,
          }
        : {}),
    };
    try {
      await options.table.update(key, { add: { count: 1 }, set });
    } catch (error) {
      logger.error('Could not count a rate-limited call', {
        correlationId,
        error: (error as Error).name,
      });
    }
  };
}

/**
 * The count kept in the log only: for a bare dev setup without a table, where nothing is audited.
 */
export const logRateLimited: RateLimitedCounter = async (identity, correlationId) => {
  logger.warn('rate limited', { role: identity.role, correlationId });
};
