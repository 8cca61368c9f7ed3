import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { NodeSha256 } from '#gateway/node-sha256';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('NodeSha256, the hash of the gateway’s SigV4 signing', () => {
  it('hashes text and bytes as SHA-256, and as HMAC-SHA-256 with a secret', async () => {
    // Arrange
    const plain = new NodeSha256();
    plain.update('nextwork ');
    plain.update(new TextEncoder().encode('praktik'));
    const keyed = new NodeSha256(new TextEncoder().encode('key'));
    keyed.update('message');
    // Act
    const [plainDigest, keyedDigest] = await Promise.all([plain.digest(), keyed.digest()]);
    // Assess
    expect(hex(plainDigest)).toBe(createHash('sha256').update('nextwork praktik').digest('hex'));
    expect(hex(keyedDigest)).toBe(createHmac('sha256', 'key').update('message').digest('hex'));
  });

  it('starts over after reset', async () => {
    // Arrange
    const hash = new NodeSha256();
    hash.update('something else');
    // Act
    hash.reset();
    hash.update('abc');
    // Assess
    expect(hex(await hash.digest())).toBe(createHash('sha256').update('abc').digest('hex'));
  });

  it('signs the AWS SigV4 test suite’s get-vanilla request to its published signature', async () => {
    // Arrange
    const signer = new SignatureV4({
      service: 'service',
      region: 'us-east-1',
      credentials: {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      },
      sha256: NodeSha256,
      applyChecksum: false,
    });
    // Act
    const signed = await signer.sign(
      {
        method: 'GET',
        protocol: 'https:',
        hostname: 'example.amazonaws.com',
        path: '/',
        headers: { host: 'example.amazonaws.com' },
      },
      { signingDate: new Date('2015-08-30T12:36:00Z') },
    );
    // Assess
    expect(signed.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ' +
        'SignedHeaders=host;x-amz-date, ' +
        'Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });
});
