import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAssertionSigner, createAssertionVerifier } from '#kernel/identity-assertion';
import { staffIdentity } from '../support/identities.ts';

async function keyPair() {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', {
    crv: 'Ed25519',
    extractable: true,
  });
  return { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}

describe('identity assertions between gateway and subgraphs', () => {
  it('carries the verified identity and correlation id to the addressed subgraph', async () => {
    // Prepare
    const keys = await keyPair();
    const sign = createAssertionSigner(keys.privateJwk);
    const verify = createAssertionVerifier(keys.publicJwk, 'people');
    // Act
    const verified = await verify(await sign(staffIdentity('265'), 'people', 'corr-123'));
    // Assess
    expect(verified).toEqual({ identity: staffIdentity('265'), correlationId: 'corr-123' });
  });

  it('refuses an assertion addressed to another subgraph', async () => {
    // Prepare
    const keys = await keyPair();
    const token = await createAssertionSigner(keys.privateJwk)(
      staffIdentity('265'),
      'companies',
      'c',
    );
    // Act and assess
    await expect(createAssertionVerifier(keys.publicJwk, 'people')(token)).rejects.toThrow(
      /not valid/,
    );
  });

  it('refuses an assertion signed with another key (forged)', async () => {
    // Prepare
    const real = await keyPair();
    const forger = await keyPair();
    const forged = await createAssertionSigner(forger.privateJwk)(
      staffIdentity('101'),
      'people',
      'c',
    );
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
    const token = await createAssertionSigner(keys.privateJwk)(staffIdentity('265'), 'people', 'c');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
    claims.identity.municipalityCode = '101';
    const edited = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    // Act and assess
    await expect(createAssertionVerifier(keys.publicJwk, 'people')(edited)).rejects.toThrow(
      /not valid/,
    );
  });
});
