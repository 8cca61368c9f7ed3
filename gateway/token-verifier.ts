import { JwtVerifier } from 'aws-jwt-verify';
import { JwtExpiredError } from 'aws-jwt-verify/error';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { UnauthenticatedError } from '#kernel/errors';
import { claimsToIdentity, type Identity, type IdentityClaims } from '#kernel/identity';
import type { GatewayConfig } from './config.ts';
import { checkTokenTimes, DEFAULT_TOKEN_TIME_POLICY } from './token-claims.ts';

/**
 * Verifies a bearer token (signature against the issuer's JWKS, issuer, audience, expiry, and
 * that it has an expiry, was not issued in the future and lives no longer than the issuer's
 * tokens do) and maps its claims to an identity. Cognito in AWS and the development issuer
 * locally go through this same path; locally the JWKS is handed over instead of fetched.
 *
 * @param auth - issuer, audience, JWKS location and the bounds of a token's times
 * @param refusesSubject - locally, the development issuer's refusals: a disabled or deleted
 *   person's token is refused as Cognito's sign-out would end their session (none in AWS)
 * @default auth.tokenTimes - {@link DEFAULT_TOKEN_TIME_POLICY}
 */
export function createTokenVerifier(
  auth: Omit<GatewayConfig['auth'], 'tokenTimes'> &
    Partial<Pick<GatewayConfig['auth'], 'tokenTimes'>>,
  refusesSubject: (subject: string) => boolean = () => false,
) {
  const tokenTimes = auth.tokenTimes ?? DEFAULT_TOKEN_TIME_POLICY;
  const verifier = JwtVerifier.create({
    issuer: auth.issuer,
    audience: auth.audience,
    jwksUri: auth.jwksUri,
    customJwtCheck: ({ payload }) => {
      // Identity claims live in ID tokens; an access token must not pass for one.
      if (payload.token_use !== undefined && payload.token_use !== 'id') {
        throw new Error('Not an ID token');
      }
      checkTokenTimes(payload, tokenTimes, Date.now() / 1000);
    },
  });
  if (auth.jwks) verifier.cacheJwks(JSON.parse(auth.jwks) as Jwks);

  return async (authorization: string | undefined): Promise<Identity> => {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new UnauthenticatedError('A bearer token is required');
    let claims: IdentityClaims;
    try {
      claims = (await verifier.verify(token)) as IdentityClaims;
    } catch (error) {
      // Saying "expired" tells a client to refresh; anything else stays unexplained.
      throw new UnauthenticatedError(
        error instanceof JwtExpiredError ? 'The token has expired' : 'The token is not valid',
      );
    }
    const identity = claimsToIdentity(claims);
    if (refusesSubject(identity.subject)) throw new UnauthenticatedError('The token is not valid');
    return identity;
  };
}
