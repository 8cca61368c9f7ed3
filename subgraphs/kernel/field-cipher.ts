import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KMSClient } from '@aws-sdk/client-kms';
import { onFirstUse, runtimeSdk } from './runtime-sdk.ts';

/**
 * Field-level encryption of the most sensitive single values (a CPR number). The ciphertext is
 * bound to the record and field it belongs to (the encryption context / additional data), so a
 * ciphertext copied onto another young person's profile does not decrypt.
 */
export interface FieldCipher {
  /**
   * Encrypts a value.
   *
   * @param plaintext - the value
   * @param context - what it belongs to, e.g. `{ youthId, field: 'cpr' }` (not secret, bound)
   * @returns an opaque string, safe to store
   */
  encrypt(plaintext: string, context: Record<string, string>): Promise<string>;
  /**
   * Decrypts a value encrypted with the same context; throws when it does not match.
   *
   * @param ciphertext - what `encrypt` returned
   * @param context - the same context
   */
  decrypt(ciphertext: string, context: Record<string, string>): Promise<string>;
}

const LOCAL_PREFIX = 'v1.aesgcm.';
const KMS_PREFIX = 'v1.kms.';

function contextBytes(context: Record<string, string>): Buffer {
  const sorted = Object.keys(context)
    .sort()
    .map((name) => [name, context[name]]);
  return Buffer.from(JSON.stringify(sorted), 'utf8');
}

/**
 * AES-256-GCM with a local 32-byte key (the local stack's `keys.json`): a fresh 96-bit IV per
 * value, the context as additional authenticated data.
 *
 * @param keyHex - the key, 64 hex digits
 */
export function createLocalFieldCipher(keyHex: string): FieldCipher {
  const key = Buffer.from(keyHex, 'hex');
  if (key.length !== 32) throw new Error('The field key must be 32 bytes (64 hex digits)');
  return {
    async encrypt(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(contextBytes(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return LOCAL_PREFIX + Buffer.concat([iv, tag, body]).toString('base64url');
    },
    async decrypt(ciphertext, context) {
      if (!ciphertext.startsWith(LOCAL_PREFIX)) throw new Error('Not a local field ciphertext');
      const raw = Buffer.from(ciphertext.slice(LOCAL_PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAAD(contextBytes(context));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * KMS `Encrypt`/`Decrypt` directly with a customer-managed key: a CPR number is 10 bytes, far
 * under KMS's 4 KB limit, so envelope encryption would add a data key per value and gain
 * nothing. The encryption context binds the value to its record and shows in CloudTrail
 * (ids only, never the value). The function's role needs `kms:Encrypt` and `kms:Decrypt` on the
 * key with a condition on `kms:EncryptionContextKeys`.
 *
 * @param keyId - the key's id or ARN
 * @param client - the KMS client
 * @default a client made on first use (people's cold start does not load the KMS SDK)
 */
export function createKmsFieldCipher(keyId: string, client?: KMSClient): FieldCipher {
  const kms = onFirstUse(() => {
    const sdk = runtimeSdk('@aws-sdk/client-kms');
    return { sdk, client: client ?? new sdk.KMSClient({}) };
  });
  return {
    async encrypt(plaintext, context) {
      const { client, sdk } = kms();
      const { CiphertextBlob } = await client.send(
        new sdk.EncryptCommand({
          KeyId: keyId,
          Plaintext: new TextEncoder().encode(plaintext),
          EncryptionContext: context,
        }),
      );
      if (!CiphertextBlob) throw new Error('KMS returned no ciphertext');
      return KMS_PREFIX + Buffer.from(CiphertextBlob).toString('base64url');
    },
    async decrypt(ciphertext, context) {
      if (!ciphertext.startsWith(KMS_PREFIX)) throw new Error('Not a KMS field ciphertext');
      const { client, sdk } = kms();
      const { Plaintext } = await client.send(
        new sdk.DecryptCommand({
          KeyId: keyId,
          CiphertextBlob: Buffer.from(ciphertext.slice(KMS_PREFIX.length), 'base64url'),
          EncryptionContext: context,
        }),
      );
      if (!Plaintext) throw new Error('KMS returned no plaintext');
      return new TextDecoder().decode(Plaintext);
    },
  };
}

/**
 * The field cipher the environment configures: KMS when `FIELD_KMS_KEY_ID` is set (AWS), else
 * AES-256-GCM with `FIELD_ENCRYPTION_KEY` (the local stack). Without either no sensitive field
 * can be stored, and saying so is better than storing it in clear.
 *
 * @param env - the process environment
 */
export function fieldCipherFromEnvironment(env: NodeJS.ProcessEnv = process.env): FieldCipher {
  if (env.FIELD_KMS_KEY_ID) return createKmsFieldCipher(env.FIELD_KMS_KEY_ID);
  if (env.FIELD_ENCRYPTION_KEY) return createLocalFieldCipher(env.FIELD_ENCRYPTION_KEY);
  throw new Error('No field cipher is configured (FIELD_KMS_KEY_ID or FIELD_ENCRYPTION_KEY)');
}
