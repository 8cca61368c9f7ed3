/**
 * The longest a token may live, from issue to expiry: one day. Cognito issues ID and access
 * tokens valid for five minutes to one day ("IdTokenValidity duration can range from five
 * minutes to one day", Amazon Cognito API reference, TokenValidityUnitsType:
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TokenValidityUnitsType.html),
 * so no token of the user pool lives longer; the stacks set it to the stage's ID token
 * validity (`AUTH_MAX_TOKEN_LIFETIME_SECONDS`).
 */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

/**
 * How far a token's issue time may lie ahead of the gateway's clock: the clocks of the issuer
 * and of a Lambda host drift by seconds, not minutes.
 */
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

/** What the gateway requires of a token's times. */
export interface TokenTimePolicy {
  /** The longest `exp - iat` accepted, in seconds. */
  maxLifetimeSeconds: number;
  /** How far `iat` may be ahead of now, in seconds. */
  clockSkewSeconds: number;
}

/** The policy of the defaults above. */
export const DEFAULT_TOKEN_TIME_POLICY: TokenTimePolicy = {
  maxLifetimeSeconds: DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  clockSkewSeconds: DEFAULT_CLOCK_SKEW_SECONDS,
};

/** Why a token's times are refused (for tests and logs; the client is told only "not valid"). */
export class TokenTimesError extends Error {
  override readonly name = 'TokenTimesError';
}

/**
 * Checks the times of a token whose signature is already verified. The verifier checks `exp`
 * only when it is there; a token without one would never expire, and one issued in the future
 * or for longer than the issuer ever issues was not made by the issuer's normal path. So a
 * token must say when it was issued and when it expires, must not be issued later than now
 * (beyond the clock skew), and must not live longer than the policy allows.
 *
 * @param payload - the token's claims
 * @param policy - the bounds
 * @param nowSeconds - the current time in epoch seconds
 * @throws TokenTimesError naming the claim that is missing or out of bounds
 */
export function checkTokenTimes(
  payload: { exp?: unknown; iat?: unknown },
  policy: TokenTimePolicy,
  nowSeconds: number,
): void {
  const { exp, iat } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    throw new TokenTimesError('The token has no expiry (exp)');
  }
  if (typeof iat !== 'number' || !Number.isFinite(iat)) {
    throw new TokenTimesError('The token has no issue time (iat)');
  }
  if (iat > nowSeconds + policy.clockSkewSeconds) {
    throw new TokenTimesError('The token is issued in the future (iat)');
  }
  if (exp - iat > policy.maxLifetimeSeconds) {
    throw new TokenTimesError(
      `The token lives ${exp - iat} seconds; at most ${policy.maxLifetimeSeconds} are accepted`,
    );
  }
}
