import * as z from 'zod';
import {
  DanishPhoneSchema,
  EmailSchema,
  EntityIdSchema,
  IsoDateSchema,
  MunicipalityCodeSchema,
  textSchema,
} from '#kernel/validation';
import type {
  BenefitCategory,
  EducationLevel,
  Gender,
  YouthStatus,
} from '../generated/resolvers-types.ts';
import { valuesOf } from './sdl-enum.ts';

export type {
  BenefitCategory,
  EducationLevel,
  Gender,
  YouthStatus,
} from '../generated/resolvers-types.ts';

/**
 * Every status a young person may have (the SDL's `YouthStatus`), in the order the programme
 * runs through them; see `youth-status-rules.ts` for the moves.
 */
export const YOUTH_STATUSES = valuesOf<YouthStatus>()([
  'ENROLLED',
  'IN_PLACEMENT',
  'IN_EDUCATION',
  'IN_JOB',
  'PAUSED',
  'EXITED',
]);

/** A young person's status in the programme, as input and stored items carry it. */
export const YouthStatusSchema = z.enum(YOUTH_STATUSES);

/**
 * The job centre's benefit categories (the SDL's `BenefitCategory`): "aktivitetsparat"
 * (`ACTIVITY_READY`, needs support before work or education) or "uddannelsesparat"
 * (`EDUCATION_READY`, ready for education within a year).
 */
export const BenefitCategorySchema = z.enum(
  valuesOf<BenefitCategory>()(['ACTIVITY_READY', 'EDUCATION_READY']),
);

/**
 * Gender as the young person states it (the SDL's `Gender`): a covariate of the evaluation
 * (issue #21), never required — `NOT_STATED` when they choose not to say.
 */
export const GenderSchema = z.enum(valuesOf<Gender>()(['FEMALE', 'MALE', 'OTHER', 'NOT_STATED']));

/**
 * Highest completed education (the SDL's `EducationLevel`), by the Danish levels and their
 * ISCED 2011 levels (see the SDL for the mapping and its source).
 */
export const EducationLevelSchema = z.enum(
  valuesOf<EducationLevel>()([
    'NONE',
    'GRUNDSKOLE',
    'GYMNASIAL',
    'ERHVERVSFAGLIG',
    'KORT_VIDEREGAAENDE',
    'MELLEMLANG_VIDEREGAAENDE',
    'BACHELOR',
    'LANG_VIDEREGAAENDE',
    'UNKNOWN',
  ]),
);

/**
 * One period of a young person's benefit history (issue #21): the category and the day it holds
 * from — null only for the category a profile stored before the history was kept held then.
 */
export const BenefitPeriodSchema = z.object({
  category: BenefitCategorySchema,
  from: IsoDateSchema.nullable(),
});

/** A period of the benefit history. */
export type BenefitPeriod = z.infer<typeof BenefitPeriodSchema>;

/**
 * The evaluation's covariates as they were on the day of enrolment (issue #21), kept apart from
 * the profile's current values and never changed after: the export's covariates are these. A
 * value not stated at enrolment is null; a profile enrolled before they were kept has none.
 */
export const CovariatesAtEnrolmentSchema = z.object({
  gender: GenderSchema.nullable(),
  highestCompletedEducation: EducationLevelSchema.nullable(),
  benefitCategory: BenefitCategorySchema,
});

/** The covariates at enrolment. */
export type CovariatesAtEnrolment = z.infer<typeof CovariatesAtEnrolmentSchema>;

/** One interest or work wish: a few words in the young person's own language. */
export const WishTextSchema = textSchema();

/** Interests or work wishes: at most 10, duplicates (ignoring case) removed. */
export const WishListSchema = z
  .array(WishTextSchema)
  .max(10, 'must hold at most 10 entries')
  .transform(uniqueIgnoringCase);

/** Barriers to work or education, as the team records them: at most 10. */
export const BarrierListSchema = z
  .array(textSchema())
  .max(10, 'must hold at most 10 entries')
  .transform(uniqueIgnoringCase);

/** The young person's consent to the research-based effect evaluation. */
export const ResearchConsentSchema = z.object({
  given: z.boolean(),
  givenAt: IsoDateSchema.nullable(),
  withdrawnAt: IsoDateSchema.nullable(),
});

/** Research consent: whether given now, and when it was given or withdrawn. */
export type ResearchConsent = z.infer<typeof ResearchConsentSchema>;

/** Consent that was never asked for or never given. */
export const NO_CONSENT: ResearchConsent = { given: false, givenAt: null, withdrawnAt: null };

/** A young person's profile, as the people subgraph keeps it. */
export const YouthSchema = z.object({
  id: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
  name: textSchema(),
  dateOfBirth: IsoDateSchema,
  phone: DanishPhoneSchema,
  email: EmailSchema.nullable(),
  enrolledAt: IsoDateSchema,
  status: YouthStatusSchema,
  /** The day of the last status change (the enrolment date until the first change). */
  statusChangedAt: IsoDateSchema,
  /** How many status changes are in the history, enrolment included. */
  statusChanges: z.number().int().min(1),
  consultantId: EntityIdSchema.nullable(),
  interests: z.array(z.string()),
  workWishes: z.array(z.string()),
  benefitCategory: BenefitCategorySchema,
  barriers: z.array(z.string()),
  researchConsent: ResearchConsentSchema,
  /** The CPR number masked (`DDMMYY-****`) when one is recorded; the number itself is stored only encrypted. */
  cprMasked: z.string().nullish(),
  /**
   * Why the team enrolled someone outside the programme's target group (18 to 29 on the day of
   * enrolment); null for everyone inside it. Personal free text: the team's and the young
   * person's own (art. 15), gone with the profile on erasure.
   */
  ageExceptionReason: textSchema().nullish(),
  /** Gender as stated now (issue #21); absent or null when not stated. */
  gender: GenderSchema.nullish(),
  /** Highest completed education now (issue #21); absent or null when not recorded. */
  highestCompletedEducation: EducationLevelSchema.nullish(),
  /**
   * Every benefit category held, oldest first, each from its day (`benefit-history.ts`); absent
   * on a profile stored before the history was kept and never changed since.
   */
  benefitHistory: z.array(BenefitPeriodSchema).nullish(),
  /** The covariates on the day of enrolment; absent on a profile enrolled before #21. */
  atEnrolment: CovariatesAtEnrolmentSchema.nullish(),
  /**
   * The arm and day of the municipality's lottery for the evaluation (issue #21), written once
   * by `recordStudyAssignment`; absent when the municipality does not assign by lottery.
   */
  studyAssignment: z
    .object({ arm: z.enum(['TREATMENT', 'CONTROL']), assignedOn: IsoDateSchema })
    .nullish(),
  version: z.number().int().min(1),
});

/** A young person in NEXTWORK. */
export type Youth = z.infer<typeof YouthSchema>;

/** One entry of a young person's status history. */
export const StatusChangeSchema = z.object({
  status: YouthStatusSchema,
  date: IsoDateSchema,
  reason: textSchema(),
});

/** A change of status: the new status, its day and why. */
export type StatusChange = z.infer<typeof StatusChangeSchema>;

/** The reason recorded with the first entry of every status history. */
export const ENROLMENT_REASON = 'Indskrevet i NEXTWORK';

/** Youngest and oldest age at which someone can be in the programme. */
export const AGE_LIMITS = { min: 15, max: 35 } as const;

/**
 * The programme's target group (issue #20): 18 to 29 years old on the day of enrolment. An
 * enrolment outside it needs the team's recorded reason; outside `AGE_LIMITS` none is accepted.
 */
export const TARGET_GROUP_AGES = { min: 18, max: 29 } as const;

/**
 * Age in whole years on a day.
 *
 * @param dateOfBirth - ISO date of birth
 * @param on - ISO date of the day
 */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

function uniqueIgnoringCase(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const folded = value.toLocaleLowerCase('da');
    if (seen.has(folded)) return false;
    seen.add(folded);
    return true;
  });
}

/**
 * The first name of a full name: its first word ("Anna Marie Jensen" → "Anna"). A double first
 * name is shown by its first part, which is how the young people of a group call each other.
 *
 * @param name - the full name as recorded
 */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}
