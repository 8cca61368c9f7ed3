import { createHash } from 'node:crypto';
import { PREFIX } from '#kernel/keys';
import { logger } from '#kernel/logger';
import type { Table } from '#kernel/table/table';

/** The key prefix of rate limit counters (`RATE#…`), granted to the gateway alone. */
export const RATE_LIMIT_PREFIX = PREFIX.rateLimit;

const WINDOW_MS = 60_000;

/** The outcome of counting one request. */
export type RateDecision =
  | { allowed: true; remaining: number }
  | { allowed: false; retryAfterSeconds: number };

/** Counts requests per identity and decides whether one more is allowed. */
export type RateLimiter = (subject: string) => Promise<RateDecision>;

/**
 * The counter item of one identity in one window. The subject is hashed: counters are not
 * personal data, and erasing a young person leaves no item that names them.
 *
 * @param subject - the identity's subject
 * @param window - the window's number (minutes since the epoch)
 */
export function rateLimitKey(subject: string, window: number) {
  const hashed = createHash('sha256').update(subject).digest('base64url').slice(0, 22);
  return { pk: `${RATE_LIMIT_PREFIX}#${hashed}#${window}`, sk: RATE_LIMIT_PREFIX };
}

/**
 * A fixed-window rate limit per identity, shared by every gateway instance: one `UpdateItem ADD`
 * per request on `RATE#<hashed subject>#<minute>`, which returns the window's count so far; the
 * item expires (TTL) a minute after its window. An instance that has seen an identity go over
 * the limit refuses it until the window ends without writing again, which keeps a flood from
 * becoming a flood of writes. Should the table fail, the request is let through and the
 * failure logged: the HTTP API's stage throttle still bounds the load, and a table outage
 * should not take the API down with it.
 *
 * @param options.table - the single table
 * @param options.limitPerMinute - requests allowed per identity and minute
 * @param options.now - the clock
 */
export function createRateLimiter(options: {
  table: Table;
  limitPerMinute: number;
  now?: () => number;
}): RateLimiter {
  const now = options.now ?? Date.now;
  // subject → the window in which this instance saw it over the limit
  const overLimit = new Map<string, number>();

  return async (subject) => {
    const at = now();
    const window = Math.floor(at / WINDOW_MS);
    const windowEnd = (window + 1) * WINDOW_MS;
    const retryAfterSeconds = Math.max(1, Math.ceil((windowEnd - at) / 1000));
    if (overLimit.get(subject) === window) return { allowed: false, retryAfterSeconds };

    let count: number;
    try {
      const item = await options.table.update(rateLimitKey(subject, window), {
        add: { requests: 1 },
        set: { entity: 'RATE_LIMIT', expiresAt: Math.floor(windowEnd / 1000) + 60 },
      });
      count = Number(item.requests);
    } catch (error) {
      logger.error('Rate limit counter unavailable; request let through', {
        error: error as Error,
      });
      return { allowed: true, remaining: 0 };
    }
    if (count > options.limitPerMinute) {
      if (overLimit.size > 10_000) overLimit.clear();
      overLimit.set(subject, window);
      return { allowed: false, retryAfterSeconds };
    }
    return { allowed: true, remaining: options.limitPerMinute - count };
  };
}

/**
 * The same limit kept in this instance's memory only: for a bare dev setup without a table,
 * where one process serves everything.
 *
 * @param limitPerMinute - requests allowed per identity and minute
 * @param now - the clock
 */
export function createInMemoryRateLimiter(
  limitPerMinute: number,
  now: () => number = Date.now,
): RateLimiter {
  const counts = new Map<string, { window: number; count: number }>();
  return async (subject) => {
    const at = now();
    const window = Math.floor(at / WINDOW_MS);
    const current = counts.get(subject);
    const count = current?.window === window ? current.count + 1 : 1;
    if (counts.size > 10_000) counts.clear();
    counts.set(subject, { window, count });
    if (count > limitPerMinute) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - at) / 1000)),
      };
    }
    return { allowed: true, remaining: limitPerMinute - count };
  };
}
