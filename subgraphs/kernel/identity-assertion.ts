import { importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { UnauthenticatedError } from './errors.ts';
import { type Identity, IdentitySchema } from './identity.ts';

/** Header that carries the gateway's signed statement of who is asking. */
export const IDENTITY_HEADER = 'x-nextwork-identity';

/** Header that carries the id that follows one request through the gateway and every subgraph. */
export const CORRELATION_HEADER = 'x-correlation-id';

const ISSUER = 'nextwork-gateway';
const ALGORITHM = 'EdDSA';
/** Long enough for one query plan, short enough that a captured header is soon useless. */
const LIFETIME_SECONDS = 60;

/**
 * What a subgraph learns from a verified assertion. `identity` is null for the gateway's own
 * calls (health probes), which may reach nothing but `__typename`.
 */
export interface VerifiedAssertion {
  identity: Identity | null;
  correlationId: string;
}

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

/**
 * Signs the verified identity for one subgraph. The audience is the subgraph's name, so an
 * assertion captured on its way to one subgraph is refused by every other.
 *
 * @param privateKey - the gateway's Ed25519 private key (only the gateway holds it), or a
 *   promise of it
 */
export function createAssertionSigner(privateKey: JWK | Promise<JWK>) {
  // The key may still be on its way from Secrets Manager when the gateway is built.
  const key: Promise<SigningKey> = Promise.resolve(privateKey).then((jwk) =>
    importJWK(jwk, ALGORITHM),
  );
  key.catch(() => {});
  return async (identity: Identity | null, audience: string, correlationId: string) =>
    new SignJWT({ identity, cid: correlationId })
      .setProtectedHeader({ alg: ALGORITHM })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${LIFETIME_SECONDS}s`)
      .sign(await key);
}

/**
 * Verifies an assertion in a subgraph; anything missing, forged, expired or addressed to
 * another subgraph is an `UNAUTHENTICATED` error.
 *
 * @param publicKey - the gateway's Ed25519 public key
 * @param audience - this subgraph's name
 */
export function createAssertionVerifier(publicKey: JWK, audience: string) {
  const key: Promise<SigningKey> = importJWK(publicKey, ALGORITHM);
  return async (token: string | undefined): Promise<VerifiedAssertion> => {
    if (!token) throw new UnauthenticatedError('Requests must come through the gateway');
    try {
      const { payload } = await jwtVerify(token, await key, {
        issuer: ISSUER,
        audience,
        algorithms: [ALGORITHM],
        maxTokenAge: `${LIFETIME_SECONDS}s`,
      });
      const identity = payload.identity === null ? null : IdentitySchema.parse(payload.identity);
      return { identity, correlationId: typeof payload.cid === 'string' ? payload.cid : '' };
    } catch {
      throw new UnauthenticatedError('The identity assertion is not valid');
    }
  };
}
