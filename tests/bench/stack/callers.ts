import { createTokenVerifier } from '#gateway/token-verifier';
import {
  DEV_AUDIENCE,
  DEV_ISSUER,
  type DevTokenSubject,
  mintDevToken,
} from '#infra/local/dev-issuer';
import type { LocalKeys } from '#infra/local/local-keys';
import type { Identity } from '#kernel/identity';

/**
 * The people the benchmark sends operations as: a development token for each (valid for the
 * whole run), and the identity the gateway makes of it (through the gateway's own verifier).
 *
 * @param keys - the benchmark's local keys
 */
export function createCallers(keys: LocalKeys) {
  const tokens = new Map<string, Promise<string>>();
  const verify = createTokenVerifier({
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    jwksUri: `${DEV_ISSUER}/.well-known/jwks.json`,
    jwks: JSON.stringify(keys.issuerJwks),
  });
  const tokenFor = (subject: DevTokenSubject): Promise<string> => {
    const id = JSON.stringify(subject);
    const token = tokens.get(id) ?? mintDevToken(keys, subject, '6h');
    tokens.set(id, token);
    return token;
  };
  return {
    tokenFor,
    /** The `authorization` header of a subject. */
    async headersFor(subject: DevTokenSubject): Promise<Record<string, string>> {
      return { authorization: `Bearer ${await tokenFor(subject)}` };
    },
    async identityFor(subject: DevTokenSubject): Promise<Identity> {
      return verify(`Bearer ${await tokenFor(subject)}`);
    },
  };
}

/** The callers' type. */
export type Callers = ReturnType<typeof createCallers>;
