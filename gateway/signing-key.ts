import type { JWK } from 'jose';
import { resolveSecret } from '#kernel/secrets';

/**
 * The gateway's Ed25519 private key: `GATEWAY_SIGNING_KEY` locally, Secrets Manager by
 * `GATEWAY_SIGNING_KEY_SECRET_ARN` in AWS.
 */
export async function loadSigningKey(env: NodeJS.ProcessEnv = process.env): Promise<JWK> {
  return JSON.parse(await resolveSecret('GATEWAY_SIGNING_KEY', env)) as JWK;
}
