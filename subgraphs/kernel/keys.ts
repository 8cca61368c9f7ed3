import { randomBytes } from 'node:crypto';

/**
 * Entity prefixes of the single table's keys. Every key starts with one, so that an item's
 * owner can be told from its key alone (and IAM `dynamodb:LeadingKeys` can be scoped by it).
 */
export const PREFIX = {
  municipality: 'MUNI',
  youth: 'YOUTH',
  staff: 'STAFF',
  company: 'COMPANY',
  contact: 'CONTACT',
  opportunity: 'OPPORTUNITY',
  /** A company the team is recruiting, before it joins (companies, issue #21). */
  prospect: 'PROSPECT',
  cvr: 'CVR',
  placement: 'PLACEMENT',
  networkGroup: 'GROUP',
  stats: 'STATS',
  /** Ties between companies (`ties.ts`); a young person's ties live in their collection. */
  tie: 'TIE',
  /** Append-only audit records (see `audit.ts`). */
  audit: 'AUDIT',
  /** The gateway's per-identity rate-limit counters. */
  rateLimit: 'RATE',
  /** Records of changes made with an idempotency key (see `idempotency.ts`). */
  idempotency: 'IDEMPOTENCY',
  /** The data migrations' ledger: applied, checkpoints, the runners' lease (`migrations/`). */
  migration: 'MIGRATION',
  /** The one key the gateway's `/health` reads to see that DynamoDB answers (never written). */
  health: 'HEALTH',
} as const;

/** Joins key parts with `#`, the table's separator. */
export function key(...parts: Array<string | number>): string {
  return parts.join('#');
}

/** Primary key of an item. */
export interface ItemKey {
  pk: string;
  sk: string;
}

/**
 * A new id: 48 bits of milliseconds then 80 random bits, Crockford base32 (like a ULID), so ids
 * sort by creation time and carry no personal data.
 */
export function newId(now: number = Date.now()): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = randomBytes(16);
  let rest = '';
  for (let i = 0; i < 16; i++) rest += alphabet[(random[i] ?? 0) % 32];
  return time + rest;
}
