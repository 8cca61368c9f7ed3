import { decodeJwt, importJWK, SignJWT } from 'jose';
import { checkTokenTimes, DEFAULT_TOKEN_TIME_POLICY } from '#gateway/token-claims';
import type { Role } from '#kernel/identity';
import type { LocalKeys } from './local-keys.ts';

/** The development issuer's name, as the gateway checks it locally (Cognito's URL in AWS). */
export const DEV_ISSUER = 'https://dev-issuer.nextwork.localhost';
/** The audience of development tokens (Cognito's app client id in AWS). */
export const DEV_AUDIENCE = 'nextwork-local';

/** Who a development token is for: a role and the scope that role needs. */
export interface DevTokenSubject {
  role: Role;
  municipalityCode?: string;
  companyId?: string;
  contactId?: string;
  youthId?: string;
  staffId?: string;
}

/** The development issuer refuses to sign in someone disabled or deleted (a removed contact, an erased young person). */
export class SignInRefusedError extends Error {
  constructor() {
    super('The development issuer refuses this user: their sign-in is disabled or deleted');
    this.name = 'SignInRefusedError';
  }
}

/** Who the development issuer refuses: a token subject it no longer signs for. */
export interface DevSignInRefusals {
  refuses(subject: string): boolean;
}

/**
 * The subject (`sub`) of a development token: the person's NEXTWORK id, as the local sign-in
 * directory refuses it (a role's placeholder for roles without one).
 *
 * @param subject - the role and scope
 */
export function devTokenSubjectOf(subject: DevTokenSubject): string {
  return (
    subject.youthId ??
    subject.staffId ??
    subject.contactId ??
    `${subject.role.toLowerCase()}-${subject.municipalityCode ?? 'all'}`
  );
}

/**
 * Signs a development ID token with the same claim names Cognito uses (`cognito:groups`,
 * `custom:*`) and the same times (`iat` now, `exp` within a day), so the gateway verifies it
 * through exactly the path it uses in AWS.
 *
 * @param keys - the local keys
 * @param subject - the role and scope
 * @param lifetime - how long the token is valid, e.g. `12h`, or its expiry in epoch seconds
 *   (in the past for an expired token)
 * @param refusals - the people the issuer no longer signs in (the local stack's sign-in directory)
 * @throws TokenTimesError when the lifetime is longer than the gateway accepts
 * @throws SignInRefusedError when the person's sign-in is disabled or deleted
 */
export async function mintDevToken(
  keys: LocalKeys,
  subject: DevTokenSubject,
  lifetime: string | number = '12h',
  refusals?: DevSignInRefusals,
): Promise<string> {
  const sub = devTokenSubjectOf(subject);
  if (refusals?.refuses(sub)) throw new SignInRefusedError();
  const key = await importJWK(keys.issuerPrivateKey, 'RS256');
  const claims: Record<string, unknown> = {
    'cognito:groups': [subject.role],
    token_use: 'id',
    ...(subject.municipalityCode ? { 'custom:municipality': subject.municipalityCode } : {}),
    ...(subject.companyId ? { 'custom:company': subject.companyId } : {}),
    ...(subject.contactId ? { 'custom:contact': subject.contactId } : {}),
    ...(subject.youthId ? { 'custom:youth': subject.youthId } : {}),
    ...(subject.staffId ? { 'custom:staff': subject.staffId } : {}),
  };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: keys.issuerPrivateKey.kid as string, typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(lifetime)
    .sign(key);
  // A token the gateway would refuse for its times is a mistake of the caller, not a test.
  checkTokenTimes(decodeJwt(token), DEFAULT_TOKEN_TIME_POLICY, Date.now() / 1000);
  return token;
}
