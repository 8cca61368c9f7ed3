import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadUserInputError } from './errors.ts';

/** A position in a listing: the last key DynamoDB evaluated. */
export type CursorKey = Record<string, string | number>;

/**
 * Opaque, tamper-evident cursors. The position is signed together with the listing it belongs
 * to (its scope, e.g. `MUNI#265#YOUTH`), so a cursor can be neither edited nor replayed against
 * another listing, such as another municipality's young people.
 *
 * @param secret - the HMAC key; the same in every subgraph of one deployment
 */
export function createCursorCodec(secret: string) {
  const sign = (scope: string, body: string) =>
    createHmac('sha256', secret).update(scope).update('\0').update(body).digest();

  return {
    /** Encodes a position for a listing. */
    encode(key: CursorKey, scope: string): string {
      const body = Buffer.from(JSON.stringify(key)).toString('base64url');
      return `${body}.${sign(scope, body).toString('base64url')}`;
    },
    /** Decodes a cursor issued for the same listing, or throws `BAD_USER_INPUT`. */
    decode(cursor: string, scope: string): CursorKey {
      const [body, mac, extra] = cursor.split('.');
      if (!body || !mac || extra !== undefined) throw invalid();
      const expected = sign(scope, body);
      const given = Buffer.from(mac, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
      const key: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      if (!isCursorKey(key)) throw invalid();
      return key;
    },
  };
}

/** The codec's interface, for contexts and tests. */
export type CursorCodec = ReturnType<typeof createCursorCodec>;

function invalid() {
  // The path marks it as a refused cursor (forged, altered or from another list): an
  // attempt the subgraph audits, not a typo.
  return new BadUserInputError('The cursor is not valid for this list', [
    { path: 'after', message: 'not a cursor issued for this list' },
  ]);
}

function isCursorKey(value: unknown): value is CursorKey {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number')
  );
}
