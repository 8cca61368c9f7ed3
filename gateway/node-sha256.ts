import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

/** What SignatureV4 hands a hash: text or bytes. */
type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytesOf(data: SourceData): Buffer | string {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/**
 * SHA-256, or HMAC-SHA-256 when made with a secret, on Node's crypto: the hash SigV4 signing
 * needs (`SignatureV4`'s `sha256`). A pure-JavaScript one (`@aws-crypto/sha256-js`) would be
 * bundled, and bring an import of the SDK's `@smithy/util-utf8` that the gateway's bundle would
 * have to translate from CommonJS at every cold start.
 */
export class NodeSha256 {
  private hash: Hash | Hmac;

  /** @param secret - the HMAC key; a plain SHA-256 without one */
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }

  update(data: SourceData): void {
    this.hash.update(bytesOf(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined
      ? createHash('sha256')
      : createHmac('sha256', bytesOf(this.secret));
  }
}
