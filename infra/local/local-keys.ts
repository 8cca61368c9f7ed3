import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** The keys of one local installation, kept with its data so tokens survive restarts. */
export interface LocalKeys {
  /** The development issuer's RSA private key (signs tokens like Cognito would). */
  issuerPrivateKey: JWK;
  /** Its public key set, as Cognito publishes at `/.well-known/jwks.json`. */
  issuerJwks: { keys: JWK[] };
  /** The gateway's Ed25519 key pair for the identity it passes to subgraphs. */
  gatewayPrivateKey: JWK;
  gatewayPublicKey: JWK;
  /** The HMAC key of list cursors. */
  cursorSecret: string;
  /** The AES-256-GCM key (hex) of field-level encryption (CPR numbers); KMS in AWS. */
  fieldKey: string;
  /** The HMAC key (hex) of the evaluation export's pseudonyms; never leaves this machine. */
  pseudonymKey: string;
}

/**
 * Adds the keys that a keys file written before they existed lacks, so that an installation's
 * data (and its encrypted fields) survive the upgrade. Returns whether anything was added.
 */
function withNewerKeys(keys: Partial<LocalKeys>): boolean {
  let added = false;
  if (!keys.fieldKey) {
    keys.fieldKey = randomBytes(32).toString('hex');
    added = true;
  }
  if (!keys.pseudonymKey) {
    keys.pseudonymKey = randomBytes(32).toString('hex');
    added = true;
  }
  return added;
}

/**
 * Loads the local keys from `<dataDir>/keys.json`, creating them on first use. They are
 * development keys: they never leave this machine and sign nothing that AWS trusts.
 *
 * @param dataDir - the local data folder
 */
export async function loadOrCreateLocalKeys(dataDir: string): Promise<LocalKeys> {
  const path = join(dataDir, 'keys.json');
  try {
    const keys = JSON.parse(await readFile(path, 'utf8')) as LocalKeys;
    if (withNewerKeys(keys)) await writeFile(path, JSON.stringify(keys, null, 2), { mode: 0o600 });
    return keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const issuer = await generateKeyPair('RS256', { extractable: true });
  const gateway = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const kid = `dev-${randomBytes(6).toString('hex')}`;
  const issuerPublic = { ...(await exportJWK(issuer.publicKey)), kid, alg: 'RS256', use: 'sig' };
  const keys: LocalKeys = {
    issuerPrivateKey: { ...(await exportJWK(issuer.privateKey)), kid, alg: 'RS256' },
    issuerJwks: { keys: [issuerPublic] },
    gatewayPrivateKey: await exportJWK(gateway.privateKey),
    gatewayPublicKey: await exportJWK(gateway.publicKey),
    cursorSecret: randomBytes(32).toString('hex'),
    fieldKey: randomBytes(32).toString('hex'),
    pseudonymKey: randomBytes(32).toString('hex'),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(path, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
