import { createHash } from 'node:crypto';
import * as z from 'zod';
import { type ItemKey, key, PREFIX } from './keys.ts';
import type { Condition } from './table/expressions.ts';
import type { Item, Table } from './table/table.ts';

/**
 * Idempotency keys: a client that gets no answer sends the same change again with the same
 * key, and gets the first call's answer instead of a second change.
 *
 * The record of a key is written in the change's own transaction (`command.ts`), so a process
 * that dies after the commit still answers the retry correctly, and of two concurrent calls with
 * one key exactly one commits. It names the person (by a hash of their subject, never the
 * subject itself), the command, a hash of the input, and what the command remembers of its
 * result to answer again (ids, never personal data). It is kept for
 * {@link IDEMPOTENCY_WINDOW_SECONDS}: a key reused after that is a new change.
 */

/** How long a key is remembered: 24 hours. */
export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 60 * 60;

/**
 * An idempotency key as a client sends it: visible ASCII characters (a UUID fits), at most 64 by
 * the SDL's `@text(max: 64)` on every `idempotencyKey`.
 */
export const IdempotencyKeySchema = z
  .string()
  .min(1, 'must not be empty')
  .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII characters without spaces');

/** What a key's record holds. */
export interface IdempotencyRecord {
  command: string;
  inputHash: string;
  /** What the command remembered of its result. */
  result: unknown;
  /** Epoch seconds after which the key is forgotten. */
  expiresAt: number;
}

/**
 * The key of a person's idempotency record.
 *
 * @param subject - the caller's subject (hashed here: the table keeps no subject in a key)
 * @param idempotencyKey - the client's key
 */
export function idempotencyRecordKey(subject: string, idempotencyKey: string): ItemKey {
  const person = createHash('sha256').update(subject).digest('base64url').slice(0, 32);
  return { pk: key(PREFIX.idempotency, person), sk: key('KEY', idempotencyKey) };
}

/** JSON with object keys in order, so that equal inputs hash alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The hash of a command and its input (the key itself left out): the same key with another
 * input is a different request.
 *
 * @param command - the command's name
 * @param input - the parsed input
 */
export function inputHashOf(command: string, input: Record<string, unknown>): string {
  const { idempotencyKey: _key, ...rest } = input;
  return createHash('sha256').update(command).update('\0').update(canonical(rest)).digest('hex');
}

/**
 * The key's record, or undefined when there is none or it expired (DynamoDB's TTL removes
 * items late, so expiry is checked here).
 *
 * @param table - the table
 * @param recordKey - the record's key
 * @param now - the clock
 */
export async function readIdempotencyRecord(
  table: Table,
  recordKey: ItemKey,
  now: Date,
): Promise<IdempotencyRecord | undefined> {
  const item = await table.get(recordKey);
  if (!item || Number(item.expiresAt) <= now.getTime() / 1000) return undefined;
  return {
    command: String(item.command),
    inputHash: String(item.inputHash),
    result: item.result,
    expiresAt: Number(item.expiresAt),
  };
}

/**
 * The record's item and its condition: new, or replacing one that expired.
 *
 * @param recordKey - the record's key
 * @param record - what it holds, but its expiry
 * @param now - the clock
 */
export function idempotencyRecordWrite(
  recordKey: ItemKey,
  record: Omit<IdempotencyRecord, 'expiresAt'>,
  now: Date,
): { put: Item; condition: Condition } {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  return {
    put: {
      ...recordKey,
      entity: 'IdempotencyRecord',
      command: record.command,
      inputHash: record.inputHash,
      result: record.result,
      at: now.toISOString(),
      expiresAt: nowSeconds + IDEMPOTENCY_WINDOW_SECONDS,
    },
    condition: {
      expression: 'attribute_not_exists(pk) OR #expiresAt <= :now',
      names: { '#expiresAt': 'expiresAt' },
      values: { ':now': nowSeconds },
    },
  };
}
