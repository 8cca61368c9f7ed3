import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, type JWTPayload, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkTokenTimes, DEFAULT_TOKEN_TIME_POLICY, TokenTimesError } from '#gateway/token-claims';
import { createTokenVerifier } from '#gateway/token-verifier';
import { DEV_AUDIENCE, DEV_ISSUER, mintDevToken } from '#infra/local/dev-issuer';
import { type LocalKeys, loadOrCreateLocalKeys } from '#infra/local/local-keys';

/**
 * Issue 24, item 6: a token's times are not taken on trust. The tokens here are signed with the
 * local development key, with the issuer and audience the gateway expects, so that the one
 * claim under test is all that is wrong.
 */

const HOUR = 3600;
const NOW = 1_800_000_000;
const policy = { maxLifetimeSeconds: 24 * HOUR, clockSkewSeconds: 60 };

describe("a token's times", () => {
  it('accepts a token issued now for twelve hours', () => {
    // Act, Assess
    expect(() => checkTokenTimes({ iat: NOW, exp: NOW + 12 * HOUR }, policy, NOW)).not.toThrow();
  });

  it('refuses a token without an expiry', () => {
    // Act, Assess
    expect(() => checkTokenTimes({ iat: NOW }, policy, NOW)).toThrow(/no expiry/);
  });

  it('refuses a token without an issue time, whose lifetime cannot be told', () => {
    // Act, Assess
    expect(() => checkTokenTimes({ exp: NOW + HOUR }, policy, NOW)).toThrow(/no issue time/);
  });

  it('refuses a token issued in the future beyond the clock skew, and accepts one within it', () => {
    // Act, Assess
    expect(() => checkTokenTimes({ iat: NOW + 61, exp: NOW + HOUR }, policy, NOW)).toThrow(
      /in the future/,
    );
    expect(() => checkTokenTimes({ iat: NOW + 60, exp: NOW + HOUR }, policy, NOW)).not.toThrow();
  });

  it('refuses a lifetime over the maximum, and accepts one of exactly the maximum', () => {
    // Act, Assess
    expect(() => checkTokenTimes({ iat: NOW, exp: NOW + 24 * HOUR + 1 }, policy, NOW)).toThrow(
      TokenTimesError,
    );
    expect(() => checkTokenTimes({ iat: NOW, exp: NOW + 24 * HOUR }, policy, NOW)).not.toThrow();
  });

  it('refuses an issue time ten years ago with an expiry ten years ahead', () => {
    // Act, Assess
    expect(() =>
      checkTokenTimes({ iat: NOW - 315_360_000, exp: NOW + 315_360_000 }, policy, NOW),
    ).toThrow(TokenTimesError);
  });
});

describe('the gateway verifying tokens signed by the development issuer', () => {
  let keys: LocalKeys;
  let verify: ReturnType<typeof createTokenVerifier>;

  /** A token of the development issuer with the claims' times as given, nothing else wrong. */
  const signed = async (times: { iat?: number; exp?: number }) => {
    const claims: JWTPayload = {
      'cognito:groups': ['PROGRAMME'],
      token_use: 'id',
      ...times,
    };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: keys.issuerPrivateKey.kid as string, typ: 'JWT' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject('programme-all')
      .sign(await importJWK(keys.issuerPrivateKey, 'RS256'));
    return `Bearer ${token}`;
  };
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    keys = await loadOrCreateLocalKeys(await mkdtemp(join(tmpdir(), 'token-claims-')));
    verify = createTokenVerifier({
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      jwksUri: `${DEV_ISSUER}/.well-known/jwks.json`,
      jwks: JSON.stringify(keys.issuerJwks),
      tokenTimes: DEFAULT_TOKEN_TIME_POLICY,
    });
  });

  it('accepts a token with sound times', async () => {
    // Act
    const identity = await verify(await signed({ iat: now(), exp: now() + HOUR }));
    // Assess
    expect(identity).toMatchObject({ role: 'PROGRAMME', subject: 'programme-all' });
  });

  it.each([
    ['without an expiry', () => ({ iat: now() })],
    ['issued an hour from now', () => ({ iat: now() + HOUR, exp: now() + 2 * HOUR })],
    ['living 48 hours', () => ({ iat: now(), exp: now() + 48 * HOUR })],
  ])('refuses a token %s as UNAUTHENTICATED with HTTP 401', async (_, times) => {
    // Act
    const refusal = await verify(await signed(times())).catch((error: unknown) => error);
    // Assess
    expect(refusal).toMatchObject({
      message: 'The token is not valid',
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  });

  it('accepts the tokens the development issuer mints by default', async () => {
    // Act
    const identity = await verify(`Bearer ${await mintDevToken(keys, { role: 'PROGRAMME' })}`);
    // Assess
    expect(identity.role).toBe('PROGRAMME');
  });

  it('has the development issuer refuse to mint a token the gateway would refuse', async () => {
    // Act
    const refusal = mintDevToken(keys, { role: 'PROGRAMME' }, '25h');
    // Assess
    await expect(refusal).rejects.toThrow(TokenTimesError);
  });
});
