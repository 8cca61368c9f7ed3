import * as z from 'zod';
import { programmeStart, requireDateInRange, todayBound } from '#kernel/date-bounds';
import { DomainRuleError } from '#kernel/errors';
import { IsoDateSchema, MunicipalityCodeSchema } from '#kernel/validation';
import type { StudyArm } from '../generated/resolvers-types.ts';
import { valuesOf } from './sdl-enum.ts';
import { BenefitCategorySchema, EducationLevelSchema, GenderSchema } from './youth.ts';

/**
 * Study assignment by lottery (issue #21): where a municipality assigns by lottery, the team
 * leader records each person's arm. A young person drawn for the programme (`TREATMENT`) is
 * enrolled, and the arm is kept on their profile; a person drawn for the control group
 * (`CONTROL`) is never enrolled, so only a pseudonymised entry with the covariates the
 * comparison needs is kept under the municipality — never the municipality's own reference in
 * clear, never a CPR number.
 */

/** The arms of the study (the SDL's `StudyArm`). */
export const StudyArmSchema = z.enum(valuesOf<StudyArm>()(['TREATMENT', 'CONTROL']));

/** A young person's arm and the day of the lottery, as their profile keeps it. */
export const StudyAssignmentSchema = z.object({
  arm: StudyArmSchema,
  assignedOn: IsoDateSchema,
});

/** A young person's study assignment. */
export type StudyAssignment = z.infer<typeof StudyAssignmentSchema>;

/** A control group entry: pseudonym, arm, day and the covariates at assignment only. */
export const ControlAssignmentSchema = z.object({
  municipalityCode: MunicipalityCodeSchema,
  pseudonym: z.string().regex(/^[0-9a-f]{64}$/),
  arm: z.literal('CONTROL'),
  assignedOn: IsoDateSchema,
  birthYear: z.number().int(),
  gender: GenderSchema,
  highestCompletedEducation: EducationLevelSchema,
  benefitCategory: BenefitCategorySchema,
  recordedAt: z.string(),
});

/** A control group entry. */
export type ControlAssignment = z.infer<typeof ControlAssignmentSchema>;

/** The user error of a second assignment of the same person; nothing is written. */
export const ALREADY_ASSIGNED = 'ALREADY_ASSIGNED';

/**
 * Looks like a CPR number: ten digits, with or without the dash after the sixth (spaces
 * ignored). A municipality's reference must never be one — it would put a national identifier
 * into the research data's keyed hash input and the audit's input.
 */
const CPR_LIKE = /^\d{6}-?\d{4}$/;

/** The user error of a control reference that looks like a CPR number; nothing is written. */
export const REFERENCE_LOOKS_LIKE_CPR = 'REFERENCE_LOOKS_LIKE_CPR';

/**
 * Refuses a control reference that looks like a CPR number (`REFERENCE_LOOKS_LIKE_CPR` on
 * `control.reference`).
 *
 * @param reference - the municipality's reference, trimmed
 */
export function requireNotCprLike(reference: string): void {
  if (CPR_LIKE.test(reference.replace(/\s/g, ''))) {
    throw new DomainRuleError(
      REFERENCE_LOOKS_LIKE_CPR,
      'The reference must be the municipality’s own reference, never a CPR number',
      ['control', 'reference'],
    );
  }
}

/**
 * Refuses a lottery day in the future or before the programme began (`DATE_OUT_OF_RANGE`).
 *
 * @param assignedOn - the day of the lottery
 * @param today - today's date
 */
export function requireAssignmentDay(assignedOn: string, today: string): void {
  requireDateInRange(assignedOn, { notBefore: [programmeStart], notAfter: [todayBound(today)] }, [
    'assignedOn',
  ]);
}

/**
 * Refuses a second assignment of the same person (`ALREADY_ASSIGNED`).
 *
 * @param assigned - whether they are assigned already
 */
export function requireNotAssigned(assigned: boolean): void {
  if (assigned) {
    throw new DomainRuleError(ALREADY_ASSIGNED, 'This person is already assigned to an arm', [
      'arm',
    ]);
  }
}
