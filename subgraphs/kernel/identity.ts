import * as z from 'zod';
import { UnauthenticatedError } from './errors.ts';

/** The roles (`docs/authorisation.md`); each is a group in the identity provider. */
export const ROLES = [
  'YOUTH',
  'COMPANY_CONTACT',
  'NETWORK_CONSULTANT',
  'TEAM_LEADER',
  'ENTREPRENEUR',
  'PSYCHOLOGIST',
  'PROGRAMME',
  'DATA_PROTECTION_OFFICER',
] as const;

/** One role (`docs/authorisation.md`). */
export type Role = (typeof ROLES)[number];

/** Roles of a municipal team member: they work on their own municipality's data. */
export const STAFF_ROLES = [
  'NETWORK_CONSULTANT',
  'TEAM_LEADER',
  'ENTREPRENEUR',
  'PSYCHOLOGIST',
] as const satisfies readonly Role[];

/** A role of a municipal team member. */
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Whether a role is one of the municipal team's. */
export function isStaffRole(role: Role): role is StaffRole {
  return (STAFF_ROLES as readonly Role[]).includes(role);
}

const municipalityCode = z.string().regex(/^\d{3}$/);
const id = z.string().min(1).max(64);

/**
 * Who is asking, as verified by the gateway. Each role carries exactly the scope it needs:
 * a young person their own id, a company contact their company, staff their municipality.
 */
export const IdentitySchema = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('YOUTH'),
    subject: id,
    municipalityCode,
    youthId: id,
  }),
  z.object({
    role: z.literal('COMPANY_CONTACT'),
    subject: id,
    companyId: id,
    contactId: id,
  }),
  z.object({
    role: z.enum(STAFF_ROLES),
    subject: id,
    municipalityCode,
    staffId: id,
  }),
  z.object({ role: z.literal('PROGRAMME'), subject: id }),
  z.object({
    role: z.literal('DATA_PROTECTION_OFFICER'),
    subject: id,
    municipalityCode,
  }),
]);

/** A verified caller. */
export type Identity = z.infer<typeof IdentitySchema>;

/** A verified caller of a municipal team role. */
export type StaffIdentity = Extract<Identity, { role: StaffRole }>;

/**
 * Claims as the identity provider puts them in an ID token. Cognito names groups
 * `cognito:groups` and custom attributes `custom:*`; the local development issuer signs the same
 * names, so one mapping serves both.
 */
export interface IdentityClaims {
  sub?: unknown;
  'cognito:groups'?: unknown;
  'custom:municipality'?: unknown;
  'custom:company'?: unknown;
  'custom:contact'?: unknown;
  'custom:youth'?: unknown;
  'custom:staff'?: unknown;
  [claim: string]: unknown;
}

/**
 * Maps a verified token's claims to an identity. A token with no role, several roles, or
 * without the scope its role needs is refused rather than guessed at.
 *
 * @param claims - the payload of a token whose signature, issuer, audience and expiry are verified
 */
export function claimsToIdentity(claims: IdentityClaims): Identity {
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'] : [];
  const roles = groups.filter((group): group is Role =>
    (ROLES as readonly unknown[]).includes(group),
  );
  if (roles.length !== 1) {
    throw new UnauthenticatedError('The token must carry exactly one NEXTWORK role');
  }
  const parsed = IdentitySchema.safeParse({
    role: roles[0],
    subject: claims.sub,
    municipalityCode: claims['custom:municipality'],
    companyId: claims['custom:company'],
    contactId: claims['custom:contact'],
    youthId: claims['custom:youth'],
    staffId: claims['custom:staff'],
  });
  if (!parsed.success) {
    throw new UnauthenticatedError('The token does not carry the scope its role needs');
  }
  return parsed.data;
}
