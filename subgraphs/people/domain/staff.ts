import * as z from 'zod';
import { STAFF_ROLES } from '#kernel/identity';
import {
  DanishPhoneSchema,
  EmailSchema,
  EntityIdSchema,
  MunicipalityCodeSchema,
  textSchema,
} from '#kernel/validation';
import type { StaffRole } from '../generated/resolvers-types.ts';
import { valuesOf } from './sdl-enum.ts';

/**
 * The roles of a municipal team: the identity provider's groups (the kernel's `STAFF_ROLES`),
 * checked to be exactly the SDL's `StaffRole`.
 */
export const StaffRoleSchema = z.enum(valuesOf<StaffRole>()(STAFF_ROLES));

/** A member of a municipal team. The team of a municipality is its staff. */
export const StaffMemberSchema = z.object({
  id: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
  name: textSchema(),
  role: StaffRoleSchema,
  phone: DanishPhoneSchema,
  email: EmailSchema,
  /** The record's version, for the optimistic locking of a change of role or a removal. */
  version: z.number().int().positive().default(1),
});

/** A member of a municipal team. */
export type StaffMember = z.infer<typeof StaffMemberSchema>;

/** The order of roles in a team listing: the leader first. */
export const ROLE_ORDER: Readonly<Record<StaffMember['role'], number>> = {
  TEAM_LEADER: 1,
  NETWORK_CONSULTANT: 2,
  ENTREPRENEUR: 3,
  PSYCHOLOGIST: 4,
};
