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

/**
 * Signs a development ID token with the same claim names Cognito uses (`cognito:groups`,
 * `custom:*`) and the same times (`iat` now, `exp` within a day), so the gateway verifies it
 * through exactly the path it uses in AWS.
 *
 * @param keys - the local keys
 * @param subject - the role and scope
 * @param lifetime - how long the token is valid, e.g. `12h`, or its expiry in epoch seconds
 *   (in the past for an expired token)
 * @throws TokenTimesError when the lifetime is longer than the gateway accepts
 */
export async function mintDevToken(
  keys: LocalKeys,
  subject: DevTokenSubject,
  lifetime: string | number = '12h',
): Promise<string> {
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
  const sub =
    subject.youthId ??
    subject.staffId ??
    subject.contactId ??
    `${subject.role.toLowerCase()}-${subject.municipalityCode ?? 'all'}`;
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
