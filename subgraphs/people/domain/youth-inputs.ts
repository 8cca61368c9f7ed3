import * as z from 'zod';
import {
  DanishPhoneSchema,
  EmailSchema,
  EntityIdSchema,
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
  WishListSchema,
  YouthStatusSchema,
} from './youth.ts';

/**
 * The zod schemas at the edge of every people mutation and listing: what does not parse is
 * `BAD_USER_INPUT` and nothing runs. Optional GraphQL fields may arrive as null; both null and
 * absent mean "not given".
 */

/**
 * A date of birth that gives an age from 15 to 35 today.
 *
 * @param today - today's date
 */
export function dateOfBirthSchema(today: string) {
  return IsoDateSchema.refine((date) => {
    const age = ageOn(date, today);
    return age >= AGE_LIMITS.min && age <= AGE_LIMITS.max;
  }, `must give an age from ${AGE_LIMITS.min} to ${AGE_LIMITS.max}`);
}

/** The input of `enrolYouth`. */
export function enrolYouthInputSchema(today: string) {
  return z.object({
    municipalityCode: MunicipalityCodeSchema,
    name: textSchema(100),
    dateOfBirth: dateOfBirthSchema(today),
    phone: DanishPhoneSchema,
    email: EmailSchema.nullish(),
    enrolledAt: IsoDateSchema.nullish(),
    benefitCategory: BenefitCategorySchema,
    consultantId: EntityIdSchema.nullish(),
    interests: WishListSchema.nullish(),
    workWishes: WishListSchema.nullish(),
    barriers: BarrierListSchema.nullish(),
    cpr: CprSchema.nullish(),
  });
}

/** The input of `enrolYouth`, parsed. */
export type EnrolYouthInput = z.infer<ReturnType<typeof enrolYouthInputSchema>>;

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
] as const;

/** The input of `updateYouthProfile`: at least one field to change. */
export function updateYouthProfileInputSchema(today: string) {
  return z
    .object({
      youthId: EntityIdSchema,
      expectedVersion: z.number().int().min(1).nullish(),
      name: textSchema(100).nullish(),
      dateOfBirth: dateOfBirthSchema(today).nullish(),
      phone: DanishPhoneSchema.nullish(),
      email: EmailSchema.nullish(),
      interests: WishListSchema.nullish(),
      workWishes: WishListSchema.nullish(),
      benefitCategory: BenefitCategorySchema.nullish(),
      barriers: BarrierListSchema.nullish(),
      cpr: CprSchema.nullish(),
    })
    .refine((input) => input.cpr != null || PROFILE_FIELDS.some((field) => input[field] != null), {
      message: 'must change at least one field',
    });
}

/** The input of `updateYouthProfile`, parsed. */
export type UpdateYouthProfileInput = z.infer<ReturnType<typeof updateYouthProfileInputSchema>>;

/** The input of `changeYouthStatus`. */
export const ChangeYouthStatusInputSchema = z.object({
  youthId: EntityIdSchema,
  status: YouthStatusSchema,
  date: IsoDateSchema,
  reason: textSchema(300),
});

/** The input of `assignConsultant`. */
export const AssignConsultantInputSchema = z.object({
  youthId: EntityIdSchema,
  consultantId: EntityIdSchema,
});

/** The input of `recordResearchConsent` and `withdrawResearchConsent`. */
export const ResearchConsentInputSchema = z.object({
  youthId: EntityIdSchema,
  date: IsoDateSchema.nullish(),
});

/** The input of `addSupportNote`. */
export const AddSupportNoteInputSchema = z.object({
  youthId: EntityIdSchema,
  text: textSchema(2000),
  date: IsoDateSchema.nullish(),
});

/** The arguments of a page of a list: size 1 to 100 (20 by default) and a cursor. */
export const PageArgsSchema = z.object({
  first: PageSizeSchema.nullish().transform((first) => first ?? 20),
  after: z.string().max(2048, 'is not a cursor').nullish(),
});

/** The arguments of `Municipality.youth`. */
export const YouthListArgsSchema = PageArgsSchema.extend({
  status: YouthStatusSchema.nullish(),
});
