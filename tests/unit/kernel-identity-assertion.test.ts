import { exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  correlationIdFrom,
  createAssertionSigner,
  createAssertionVerifier,
} from '#kernel/identity-assertion';
import { staffIdentity } from '../support/identities.ts';

async function keyPair() {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', {
    crv: 'Ed25519',
    extractable: true,
  });
  return { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}

describe('identity assertions between gateway and subgraphs', () => {
  it('carries the verified identity to the addressed subgraph', async () => {
    // Prepare
    const keys = await keyPair();
    const sign = createAssertionSigner(keys.privateJwk);
    const verify = createAssertionVerifier(keys.publicJwk, 'people');
    // Act
    const verified = await verify(await sign(staffIdentity('265'), 'people'));
    // Assess
    expect(verified).toEqual({ identity: staffIdentity('265') });
  });

  it('loads the signing key again on the next call when the first load failed', async () => {
    // Prepare: Secrets Manager unreachable at the cold start, reachable a moment later
    const keys = await keyPair();
    let loads = 0;
    const sign = createAssertionSigner(async () => {
      loads += 1;
      if (loads === 1) throw new Error('Secrets Manager unreachable');
      return keys.privateJwk;
    });
    const verify = createAssertionVerifier(keys.publicJwk, 'people');
    // Act
    await expect(sign(staffIdentity('265'), 'people')).rejects.toThrow('unreachable');
    const token = await sign(staffIdentity('265'), 'people');
    // Assess
    expect(await verify(token)).toEqual({ identity: staffIdentity('265') });
    expect(loads).toBe(2);
  });

  it('refuses an assertion addressed to another subgraph', async () => {
    // Prepare
    const keys = await keyPair();
    const token = await createAssertionSigner(keys.privateJwk)(staffIdentity('265'), 'companies');
    // Act and assess
    await expect(createAssertionVerifier(keys.publicJwk, 'people')(token)).rejects.toThrow(
      /not valid/,
    );
  });

  it('refuses an assertion signed with another key (forged)', async () => {
    // Prepare
    const real = await keyPair();
    const forger = await keyPair();
    const forged = await createAssertionSigner(forger.privateJwk)(staffIdentity('101'), 'people');
    // Act and assess
    await expect(createAssertionVerifier(real.publicJwk, 'people')(forged)).rejects.toThrow(
      /not valid/,
    );
  });

  it('refuses a request without an assertion', async () => {
    // Prepare
    const keys = await keyPair();
    // Act and assess
    await expect(createAssertionVerifier(keys.publicJwk, 'people')(undefined)).rejects.toThrow(
      /through the gateway/,
    );
  });

  it('refuses an assertion whose identity was edited after signing', async () => {
    // Prepare
    const keys = await keyPair();
    const token = await createAssertionSigner(keys.privateJwk)(staffIdentity('265'), 'people');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
    claims.identity.municipalityCode = '101';
    const edited = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    // Act and assess
    await expect(createAssertionVerifier(keys.publicJwk, 'people')(edited)).rejects.toThrow(
      /not valid/,
    );
  });

  it('reuses an identity’s assertion for a subgraph for 30 seconds, then signs a new one', async () => {
    // Prepare
    const keys = await keyPair();
    let now = Date.UTC(2026, 10, 27, 12, 0, 0);
    const sign = createAssertionSigner(keys.privateJwk, () => now);
    const first = await sign(staffIdentity('265'), 'people');
    // Act
    now += 29_000;
    const reused = await sign(staffIdentity('265'), 'people');
    const otherSubgraph = await sign(staffIdentity('265'), 'companies');
    const otherPerson = await sign(staffIdentity('101'), 'people');
    now += 2_000;
    const renewed = await sign(staffIdentity('265'), 'people');
    // Assess
    expect(reused).toBe(first);
    expect(new Set([first, otherSubgraph, otherPerson, renewed]).size).toBe(4);
  });

  it('refuses an assertion it verified before once it has expired', async () => {
    // Prepare
    const keys = await keyPair();
    let now = Date.UTC(2026, 10, 27, 12, 0, 0);
    const token = await createAssertionSigner(keys.privateJwk, () => now)(
      staffIdentity('265'),
      'people',
    );
    const verify = createAssertionVerifier(keys.publicJwk, 'people', () => now);
    await expect(verify(token)).resolves.toEqual({ identity: staffIdentity('265') });
    // Act
    now += 61_000;
    // Assess
    await expect(verify(token)).rejects.toThrow(/not valid/);
  });

  describe('refuses what jose’s jwtVerify refuses, verified on node:crypto', () => {
    const NOW = 1_800_000_000;
    /** An assertion signed with the gateway's key, its claims and header as given. */
    async function signedWith(
      privateJwk: Awaited<ReturnType<typeof keyPair>>['privateJwk'],
      claims: { iss?: string; aud?: string; iat?: number; exp?: number; nbf?: number },
      header: Record<string, unknown> = { alg: 'EdDSA' },
    ): Promise<string> {
      const jwt = new SignJWT({ identity: staffIdentity('265'), ...claims }).setProtectedHeader(
        header as { alg: string },
      );
      return jwt.sign(await importJWK(privateJwk, 'EdDSA'));
    }
    const valid = { iss: 'nextwork-gateway', aud: 'people', iat: NOW - 5, exp: NOW + 55 };
    const cases: Array<[string, Partial<typeof valid> & { nbf?: number }]> = [
      ['another issuer', { iss: 'someone-else' }],
      ['no audience', { aud: undefined }],
      ['no issued-at time', { iat: undefined }],
      ['issued more than 60 seconds ago', { iat: NOW - 61, exp: NOW + 60 }],
      ['issued in the future', { iat: NOW + 5 }],
      ['expired, never seen before', { exp: NOW }],
      ['not valid before a later time', { nbf: NOW + 10 }],
    ];

    it('accepts the valid assertion these cases change', async () => {
      // Prepare
      const keys = await keyPair();
      const verify = createAssertionVerifier(keys.publicJwk, 'people', () => NOW * 1000);
      // Act and assess
      expect(await verify(await signedWith(keys.privateJwk, valid))).toEqual({
        identity: staffIdentity('265'),
      });
    });

    it.each(cases)('refuses an assertion %s', async (_what, change) => {
      // Prepare
      const keys = await keyPair();
      const verify = createAssertionVerifier(keys.publicJwk, 'people', () => NOW * 1000);
      const token = await signedWith(keys.privateJwk, { ...valid, ...change });
      // Act and assess
      await expect(verify(token)).rejects.toThrow(/not valid/);
    });

    it('refuses a header with a critical extension or another algorithm, and a token of other shape', async () => {
      // Prepare
      const keys = await keyPair();
      const verify = createAssertionVerifier(keys.publicJwk, 'people', () => NOW * 1000);
      const good = await signedWith(keys.privateJwk, valid);
      const [, payload, signature] = good.split('.');
      const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
      // Act and assess
      await expect(
        verify(
          await signedWith(keys.privateJwk, valid, { alg: 'EdDSA', crit: ['b64'], b64: true }),
        ),
      ).rejects.toThrow(/not valid/);
      await expect(verify(`${none}.${payload}.${signature}`)).rejects.toThrow(/not valid/);
      await expect(verify(`${none}.${payload}.`)).rejects.toThrow(/not valid/);
      await expect(verify(`${good}.extra`)).rejects.toThrow(/not valid/);
      await expect(verify('not a token')).rejects.toThrow(/not valid/);
    });
  });

  it('keeps a well-formed correlation id and replaces any other', () => {
    // Act
    const kept = correlationIdFrom('attack-size-1a2b3c4d');
    const replaced = [
      undefined,
      'short',
      'has spaces in it',
      'x'.repeat(65),
      'semi;colon-1234',
    ].map(correlationIdFrom);
    // Assess
    expect(kept).toBe('attack-size-1a2b3c4d');
    for (const id of replaced) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
