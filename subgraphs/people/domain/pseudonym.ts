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
  return hmacUnder(key, 'nextwork-youth\0');
}

/**
 * A pseudonymiser of company ids under the same key (the placement rows' `companyPseudonym`):
 * stable across exports, so researchers can tell placements at one company apart from those at
 * another, and never equal to a young person's pseudonym (a domain tag of its own).
 *
 * @param key - the pseudonym key (at least 32 characters)
 */
export function createCompanyPseudonymiser(key: string): Pseudonymiser {
  return hmacUnder(key, 'nextwork-company\0');
}

function hmacUnder(key: string, domainTag: string): Pseudonymiser {
  if (key.length < MIN_KEY_LENGTH) throw new Error('The pseudonym key is too short');
  // The domain tag keeps these hashes apart from any other use of the same key.
  return (id) => createHmac('sha256', key).update(domainTag).update(id).digest('hex');
}

/**
 * The pseudonymisers of this process, of young people and of companies, their key from
 * `PSEUDONYM_KEY` (local stack, tests) or the secret named by `PSEUDONYM_KEY_SECRET_ARN` (AWS).
 *
 * @param env - the process environment
 */
export async function pseudonymisersFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ youth: Pseudonymiser; company: Pseudonymiser }> {
  const key = await resolveSecret(PSEUDONYM_KEY_VARIABLE, env);
  return { youth: createPseudonymiser(key), company: createCompanyPseudonymiser(key) };
}
