import { createPublicKey, type KeyObject, randomUUID, verify } from 'node:crypto';
import { importJWK, type JWK, SignJWT } from 'jose';
import { UnauthenticatedError } from './errors.ts';
import { type Identity, IdentitySchema } from './identity.ts';
import { loadedOnce } from './loaded-once.ts';

/** Header that carries the gateway's signed statement of who is asking. */
export const IDENTITY_HEADER = 'x-nextwork-identity';

/** Header that carries the id that follows one request through the gateway and every subgraph. */
export const CORRELATION_HEADER = 'x-correlation-id';

const ISSUER = 'nextwork-gateway';
const ALGORITHM = 'EdDSA';

/** Long enough for one query plan, short enough that a captured header is soon useless. */
const LIFETIME_SECONDS = 60;

/**
 * How long the gateway reuses an assertion it signed: half its lifetime, so that one sent at the
 * end of its reuse still has 30 seconds to cross a query plan.
 */
const REUSE_SECONDS = LIFETIME_SECONDS / 2;

/** Assertions kept by a signer or a verifier; past it, the cache starts over. */
const MAX_CACHED = 1_000;

/** A correlation id a caller may choose: letters, digits and dashes, 8 to 64 of them. */
const CORRELATION_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * The correlation id of a request from its header when well formed (it goes into logs and audit
 * records), otherwise a new one.
 *
 * @param given - the `x-correlation-id` header
 */
export function correlationIdFrom(given: string | undefined): string {
  return given && CORRELATION_ID.test(given) ? given : randomUUID();
}

/**
 * What a subgraph learns from a verified assertion. `identity` is null for the gateway's own
 * calls (health probes), which may reach nothing but `__typename`.
 */
export interface VerifiedAssertion {
  identity: Identity | null;
}

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

/** Keeps a cache bounded: a full one starts over rather than tracking what is oldest. */
function makeRoom<K, V>(cache: Map<K, V>): void {
  if (cache.size >= MAX_CACHED) cache.clear();
}

/**
 * Signs the verified identity for one subgraph. The audience is the subgraph's name, so an
 * assertion captured on its way to one subgraph is refused by every other. An identity's
 * assertion for a subgraph is signed once and reused for {@link REUSE_SECONDS}: the signature
 * says who is asking, not which request (the correlation id travels in its own header), and
 * every call of every request by the same person can carry it. A captured one is as useful
 * as before — until it expires — and the gateway signs once per person, subgraph and half
 * minute instead of once per call.
 *
 * @param privateKey - the gateway's Ed25519 private key (only the gateway holds it), or how to
 *   load it: a load that fails (Secrets Manager unreachable at a cold start) is tried again by
 *   the next call rather than kept as a failure
 * @param now - the clock, in milliseconds
 */
export function createAssertionSigner(
  privateKey: JWK | (() => Promise<JWK>),
  now: () => number = Date.now,
) {
  const load = typeof privateKey === 'function' ? privateKey : async () => privateKey;
  const key = loadedOnce(async (): Promise<SigningKey> => importJWK(await load(), ALGORITHM));
  const signed = new Map<string, { assertion: Promise<string>; signedAt: number }>();
  const sign = async (identity: Identity | null, audience: string, issuedAt: number) =>
    new SignJWT({ identity })
      .setProtectedHeader({ alg: ALGORITHM })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + LIFETIME_SECONDS)
      .sign(await key());

  return (identity: Identity | null, audience: string): Promise<string> => {
    const at = now();
    const cacheKey = `${audience}\n${JSON.stringify(identity)}`;
    const cached = signed.get(cacheKey);
    if (cached && at - cached.signedAt < REUSE_SECONDS * 1000) return cached.assertion;
    const signedAt = Math.floor(at / 1000) * 1000;
    const assertion = sign(identity, audience, signedAt / 1000);
    makeRoom(signed);
    signed.set(cacheKey, { assertion, signedAt });
    // A failed signature is not kept: the next call tries again.
    assertion.catch(() => {
      if (signed.get(cacheKey)?.assertion === assertion) signed.delete(cacheKey);
    });
    return assertion;
  };
}

/** The claims of an assertion as the gateway signs them. */
interface AssertionClaims {
  iss?: unknown;
  aud?: unknown;
  iat?: unknown;
  exp?: unknown;
  nbf?: unknown;
  identity?: unknown;
}

function decodedJson(part: string): unknown {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

/**
 * The claims of a compact JWS signed with the key, checked as `jose`'s `jwtVerify` checks them
 * with this module's options (the algorithm `EdDSA` and nothing critical in the header; the
 * issuer; the audience; issued at most {@link LIFETIME_SECONDS} ago and not in the future; not
 * expired; not before `nbf`), or null. Written on `node:crypto` rather than `jose` because only
 * the gateway signs: the subgraphs' bundles carry no JOSE library for one verification.
 */
function verifiedClaims(
  token: string,
  key: KeyObject,
  audience: string,
  nowSeconds: number,
): AssertionClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  const base64url = /^[A-Za-z0-9_-]+$/;
  if (!parts.every((part) => base64url.test(part))) return null;
  const protectedHeader = decodedJson(header) as { alg?: unknown; crit?: unknown } | null;
  if (protectedHeader?.alg !== ALGORITHM || protectedHeader.crit !== undefined) return null;
  const signed = Buffer.from(`${header}.${payload}`);
  if (!verify(null, signed, key, Buffer.from(signature, 'base64url'))) return null;
  const claims = decodedJson(payload) as AssertionClaims | null;
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null;
  const { iss, aud, iat, exp, nbf } = claims;
  if (iss !== ISSUER) return null;
  if (!(aud === audience || (Array.isArray(aud) && aud.includes(audience)))) return null;
  if (typeof iat !== 'number' || nowSeconds - iat > LIFETIME_SECONDS || iat > nowSeconds) {
    return null;
  }
  if (exp !== undefined && (typeof exp !== 'number' || exp <= nowSeconds)) return null;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds)) return null;
  return claims;
}

/**
 * Verifies an assertion in a subgraph; anything missing, forged, expired or addressed to
 * another subgraph is an `UNAUTHENTICATED` error. An assertion verified once is known by its
 * exact text until it expires, so the calls that reuse it (see `createAssertionSigner`) are
 * not verified again; any other text, an edited copy included, is verified in full.
 *
 * @param publicKey - the gateway's Ed25519 public key
 * @param audience - this subgraph's name
 * @param now - the clock, in milliseconds
 */
export function createAssertionVerifier(
  publicKey: JWK,
  audience: string,
  now: () => number = Date.now,
) {
  const key = createPublicKey({
    key: publicKey as import('node:crypto').JsonWebKey,
    format: 'jwk',
  });
  const verified = new Map<string, { identity: Identity | null; expiresAt: number }>();
  return async (token: string | undefined): Promise<VerifiedAssertion> => {
    if (!token) throw new UnauthenticatedError('Requests must come through the gateway');
    const at = now();
    const known = verified.get(token);
    if (known && at < known.expiresAt) return { identity: known.identity };
    try {
      const payload = verifiedClaims(token, key, audience, Math.floor(at / 1000));
      if (!payload) throw new Error('not valid');
      const identity = payload.identity === null ? null : IdentitySchema.parse(payload.identity);
      const exp = typeof payload.exp === 'number' ? payload.exp : 0;
      const iat = typeof payload.iat === 'number' ? payload.iat : 0;
      const expiresAt = Math.min(exp, iat + LIFETIME_SECONDS) * 1000;
      makeRoom(verified);
      verified.set(token, { identity, expiresAt });
      return { identity };
    } catch {
      throw new UnauthenticatedError('The identity assertion is not valid');
    }
  };
}
