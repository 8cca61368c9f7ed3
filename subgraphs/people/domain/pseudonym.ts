import { createHmac } from 'node:crypto';
import { resolveSecret } from '#kernel/secrets';

/**
 * Pseudonyms of the researchers' evaluation export: HMAC-SHA256 of the young person's id under
 * the pseudonym key. The same key always gives the same pseudonym, so two exports can be joined
 * by the researchers; without the key — which never leaves NEXTWORK (a local keys file, or a
 * Secrets Manager secret read by the people function only) — a pseudonym cannot be tied back to
 * an id, nor an id guessed from the demo world's or any other list of ids.
 */

/** The variable naming the key (or, with `_SECRET_ARN`, the secret holding it). */
export const PSEUDONYM_KEY_VARIABLE = 'PSEUDONYM_KEY';

/** A key shorter than this is refused: HMAC-SHA256 wants at least 256 bits. */
const MIN_KEY_LENGTH = 32;

/** Turns ids into stable pseudonyms under one key. */
export type Pseudonymiser = (youthId: string) => string;

/**
 * A pseudonymiser under a key.
 *
 * @param key - the pseudonym key (at least 32 characters)
 */
export function createPseudonymiser(key: string): Pseudonymiser {
  if (key.length < MIN_KEY_LENGTH) throw new Error('The pseudonym key is too short');
  // The domain tag keeps these hashes apart from any other use of the same key.
  return (youthId) =>
    createHmac('sha256', key).update('nextwork-youth\0').update(youthId).digest('hex');
}

/**
 * The pseudonymiser of this process, its key from `PSEUDONYM_KEY` (local stack, tests) or the
 * secret named by `PSEUDONYM_KEY_SECRET_ARN` (AWS).
 *
 * @param env - the process environment
 */
export async function pseudonymiserFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): Promise<Pseudonymiser> {
  return createPseudonymiser(await resolveSecret(PSEUDONYM_KEY_VARIABLE, env));
}
