import * as z from 'zod';
import {
  DanishPhoneSchema,
  EmailSchema,
  EntityIdSchema,
  ExpectedVersionSchema,
  MunicipalityCodeSchema,
  textSchema,
} from '#kernel/validation';
import { StaffRoleSchema } from './staff.ts';

/** The input of `addStaffMember`. */
export const AddStaffMemberInputSchema = z.object({
  municipalityCode: MunicipalityCodeSchema,
  name: textSchema(),
  role: StaffRoleSchema,
  phone: DanishPhoneSchema,
  email: EmailSchema,
});

/** The input of `changeStaffRole`. */
export const ChangeStaffRoleInputSchema = z.object({
  staffId: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
  role: StaffRoleSchema,
});

/** The input of `removeStaffMember`. */
export const RemoveStaffMemberInputSchema = z.object({
  staffId: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
});

/** The most young people one `reassignCaseload` moves: each is an update and its audit event. */
export const MAX_REASSIGNED = 45;

/** The input of `reassignCaseload`. */
export const ReassignCaseloadInputSchema = z.object({
  fromConsultantId: EntityIdSchema,
  toConsultantId: EntityIdSchema,
  youthIds: z.array(EntityIdSchema).min(1).nullish(),
});
