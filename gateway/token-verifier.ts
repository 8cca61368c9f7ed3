import { JwtVerifier } from 'aws-jwt-verify';
import { JwtExpiredError } from 'aws-jwt-verify/error';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { UnauthenticatedError } from '#kernel/errors';
import { claimsToIdentity, type Identity, type IdentityClaims } from '#kernel/identity';
import type { GatewayConfig } from './config.ts';

/**
 * Verifies a bearer token (signature against the issuer's JWKS, issuer, audience, expiry) and
 * maps its claims to an identity. Cognito in AWS and the development issuer locally go
 * through this same path; locally the JWKS is handed over instead of fetched.
 *
 * @param auth - issuer, audience and JWKS location
 */
export function createTokenVerifier(auth: GatewayConfig['auth']) {
  const verifier = JwtVerifier.create({
    issuer: auth.issuer,
    audience: auth.audience,
    jwksUri: auth.jwksUri,
    // Identity claims live in ID tokens; an access token must not pass for one.
    customJwtCheck: ({ payload }) => {
      if (payload.token_use !== undefined && payload.token_use !== 'id') {
        throw new Error('Not an ID token');
      }
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
    return claimsToIdentity(claims);
  };
}
