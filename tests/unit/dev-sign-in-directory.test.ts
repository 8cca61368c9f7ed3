import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '#gateway/token-verifier';
import {
  DEV_AUDIENCE,
  DEV_ISSUER,
  mintDevToken,
  SignInRefusedError,
} from '#infra/local/dev-issuer';
import { DevSignInDirectory } from '#infra/local/dev-sign-in-directory';
import { type LocalKeys, loadOrCreateLocalKeys } from '#infra/local/local-keys';

/**
 * Issue 18, classes 1 and 6, locally: the development issuer is the identity provider, so the
 * people it refuses are what a disabled or deleted Cognito user is in AWS — it mints them no
 * token, and the local gateway refuses the tokens they already hold.
 */
describe('the development issuer’s sign-in directory', () => {
  let dataDir: string;
  let keys: LocalKeys;
  let directory: DevSignInDirectory;
  const contact = { role: 'COMPANY_CONTACT', companyId: 'co-1', contactId: 'c-1' } as const;
  const youth = { role: 'YOUTH', municipalityCode: '265', youthId: 'y-1' } as const;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dev-sign-in-'));
    keys = await loadOrCreateLocalKeys(dataDir);
    directory = DevSignInDirectory.of(dataDir);
  });

  function verifierRefusing(refusals: DevSignInDirectory) {
    return createTokenVerifier(
      {
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        jwksUri: `${DEV_ISSUER}/.well-known/jwks.json`,
        jwks: JSON.stringify(keys.issuerJwks),
      },
      (subject) => refusals.refuses(subject),
    );
  }

  it('mints no token for a disabled contact or a deleted young person', async () => {
    // Prepare
    await directory.disableUser({ nextworkId: 'c-1', username: 'mette@firma.dk' });
    await directory.deleteUser({ nextworkId: 'y-1', username: null });
    // Act
    const forContact = mintDevToken(keys, contact, '1h', directory);
    const forYouth = mintDevToken(keys, youth, '1h', directory);
    const forAnother = mintDevToken(keys, { ...youth, youthId: 'y-2' }, '1h', directory);
    // Assess
    await expect(forContact).rejects.toThrow(SignInRefusedError);
    await expect(forYouth).rejects.toThrow(SignInRefusedError);
    await expect(forAnother).resolves.toEqual(expect.any(String));
  });

  it('has the local gateway refuse a token minted before the person was disabled', async () => {
    // Prepare
    const verify = verifierRefusing(directory);
    const earlier = `Bearer ${await mintDevToken(keys, contact, '1h', directory)}`;
    const before = await verify(earlier);
    // Act
    await directory.disableUser({ nextworkId: 'c-1', username: 'mette@firma.dk' });
    const after = await verify(earlier).catch((error: unknown) => error);
    // Assess
    expect(before.role).toBe('COMPANY_CONTACT');
    expect(after).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('keeps its refusals in the data folder, for `npm run token` and after a restart', async () => {
    // Prepare
    await directory.deleteUser({ nextworkId: 'y-1', username: null });
    // Act
    const anotherProcess = DevSignInDirectory.of(dataDir);
    // Assess
    expect(anotherProcess.refuses('y-1')).toBe(true);
    expect(anotherProcess.refuses('y-2')).toBe(false);
  });
});
