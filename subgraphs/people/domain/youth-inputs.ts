import * as z from 'zod';
import { BadUserInputError } from '#kernel/errors';
import {
  DanishPhoneSchema,
  EmailSchema,
  EntityIdSchema,
  ExpectedVersionSchema,
  IsoDateSchema,
  MunicipalityCodeSchema,
  PageSizeSchema,
  textSchema,
} from '#kernel/validation';
import { CprSchema } from './cpr.ts';
import {
  AGE_LIMITS,
  ageOn,
  BarrierListSchema,
  BenefitCategorySchema,
  EducationLevelSchema,
  GenderSchema,
  WishListSchema,
  YouthStatusSchema,
} from './youth.ts';
import type { YouthProfileField } from './youth-access.ts';

/**
 * The zod schemas at the edge of every people mutation and listing: what does not parse is
 * `BAD_USER_INPUT` and nothing runs. Optional GraphQL fields may arrive as null; both null and
 * absent mean "not given". (The idempotency key is the kernel's: `runCommand` takes it off the
 * input before the command's schema sees it.)
 */

/**
 * Whether a date of birth gives an age in the programme's range (15 to 35) on a day.
 *
 * @param dateOfBirth - ISO date of birth
 * @param today - today's date
 */
export function isAgeInProgramme(dateOfBirth: string, today: string): boolean {
  const age = ageOn(dateOfBirth, today);
  return age >= AGE_LIMITS.min && age <= AGE_LIMITS.max;
}

/**
 * Refuses, as malformed input (`BAD_USER_INPUT` on `dateOfBirth`), a date of birth outside the
 * programme's ages today. Checked when the command runs, since only the request knows today.
 *
 * @param dateOfBirth - ISO date of birth
 * @param today - today's date
 */
export function requireAgeInProgramme(dateOfBirth: string, today: string): void {
  if (isAgeInProgramme(dateOfBirth, today)) return;
  const message = `must give an age from ${AGE_LIMITS.min} to ${AGE_LIMITS.max}`;
  throw new BadUserInputError(`Invalid input: dateOfBirth: ${message}`, [
    { path: 'dateOfBirth', message },
  ]);
}

/** The input of `enrolYouth`. */
export const EnrolYouthInputSchema = z.object({
  municipalityCode: MunicipalityCodeSchema,
  name: textSchema(),
  dateOfBirth: IsoDateSchema,
  phone: DanishPhoneSchema,
  email: EmailSchema.nullish(),
  enrolledAt: IsoDateSchema.nullish(),
  benefitCategory: BenefitCategorySchema,
  consultantId: EntityIdSchema.nullish(),
  interests: WishListSchema.nullish(),
  workWishes: WishListSchema.nullish(),
  barriers: BarrierListSchema.nullish(),
  cpr: CprSchema.nullish(),
  ageExceptionReason: textSchema().nullish(),
  gender: GenderSchema.nullish(),
  highestCompletedEducation: EducationLevelSchema.nullish(),
});

/** The input of `enrolYouth`, parsed. */
export type EnrolYouthInput = z.infer<typeof EnrolYouthInputSchema>;

/** The profile fields `updateYouthProfile` may change. */
export const PROFILE_FIELDS = [
  'name',
  'dateOfBirth',
  'phone',
  'email',
  'interests',
  'workWishes',
  'benefitCategory',
  'barriers',
  'gender',
  'highestCompletedEducation',
] as const;

/** The input of `updateYouthProfile`: at least one field to change. */
export const UpdateYouthProfileInputSchema = z
  .object({
    youthId: EntityIdSchema,
    expectedVersion: ExpectedVersionSchema,
    name: textSchema().nullish(),
    dateOfBirth: IsoDateSchema.nullish(),
    phone: DanishPhoneSchema.nullish(),
    email: EmailSchema.nullish(),
    interests: WishListSchema.nullish(),
    workWishes: WishListSchema.nullish(),
    benefitCategory: BenefitCategorySchema.nullish(),
    /** The day a new benefit category holds from (issue #21); today when not given. */
    benefitCategoryFrom: IsoDateSchema.nullish(),
    barriers: BarrierListSchema.nullish(),
    cpr: CprSchema.nullish(),
    gender: GenderSchema.nullish(),
    highestCompletedEducation: EducationLevelSchema.nullish(),
  })
  .refine((input) => input.cpr != null || PROFILE_FIELDS.some((field) => input[field] != null), {
    message: 'must change at least one field',
  })
  .refine((input) => input.benefitCategoryFrom == null || input.benefitCategory != null, {
    message: 'is the day of a new benefitCategory: give the category with it',
    path: ['benefitCategoryFrom'],
  });

/** The input of `updateYouthProfile`, parsed. */
export type UpdateYouthProfileInput = z.infer<typeof UpdateYouthProfileInputSchema>;

/** The input of `changeYouthStatus`. */
export const ChangeYouthStatusInputSchema = z.object({
  youthId: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
  status: YouthStatusSchema,
  date: IsoDateSchema,
  reason: textSchema(),
});

/** The input of `assignConsultant`. */
export const AssignConsultantInputSchema = z.object({
  youthId: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
  consultantId: EntityIdSchema,
});

/** The input of `recordResearchConsent` and `withdrawResearchConsent`. */
export const ResearchConsentInputSchema = z.object({
  youthId: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
  date: IsoDateSchema.nullish(),
});

/** The input of `addSupportNote`. */
export const AddSupportNoteInputSchema = z.object({
  youthId: EntityIdSchema,
  text: textSchema(),
  date: IsoDateSchema.nullish(),
});

/** The arguments of a page of a list: size 1 to 100 (20 by default) and a cursor. */
export const PageArgsSchema = z.object({
  first: PageSizeSchema.nullish().transform((first) => first ?? 20),
  after: z.string().nullish(),
});

/** The arguments of `Municipality.youth`. */
export const YouthListArgsSchema = PageArgsSchema.extend({
  status: YouthStatusSchema.nullish(),
});

/**
 * The profile fields an update's input changes, as sent (null and absent mean "not given"):
 * what `YOUTH_PROFILE_WRITE_ACCESS` is checked against before the update runs.
 *
 * @param input - the raw `UpdateYouthProfileInput`
 */
export function profileFieldsChangedBy(input: Record<string, unknown>): YouthProfileField[] {
  const fields: YouthProfileField[] = [...PROFILE_FIELDS, 'cpr'];
  return fields.filter((field) => input[field] !== null && input[field] !== undefined);
}

/** The input of `updateSupportNote`. */
export const UpdateSupportNoteInputSchema = z.object({
  youthId: EntityIdSchema,
  noteId: EntityIdSchema,
  text: textSchema(),
  expectedVersion: ExpectedVersionSchema,
});
