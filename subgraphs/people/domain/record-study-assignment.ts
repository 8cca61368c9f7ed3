import * as z from 'zod';
import { defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import type { UnitOfWork } from '#kernel/unit-of-work';
import { EntityIdSchema, IsoDateSchema, MunicipalityCodeSchema } from '#kernel/validation';
import {
  ControlAssignmentEntity,
  readControlAssignment,
} from '../repository/control-assignment-entity.ts';
import { YouthEntity } from '../repository/youth-entity.ts';
import { loadOneYouth } from '../repository/youth-repository.ts';
import { pseudonymisersFromEnvironment } from './pseudonym.ts';
import {
  requireAssignmentDay,
  requireNotAssigned,
  requireNotCprLike,
  StudyArmSchema,
  type StudyAssignment,
  StudyAssignmentSchema,
} from './study-assignment.ts';
import { BenefitCategorySchema, EducationLevelSchema, GenderSchema } from './youth.ts';
import { todayOf } from './youth-command-support.ts';
import { requireYouthFound } from './youth-rules.ts';

/** The covariates and reference of a person drawn for the control group. */
const ControlInputSchema = z.object({
  reference: z.string().trim().min(1).max(100),
  birthYear: z.number().int().min(1900).max(2100),
  gender: GenderSchema,
  highestCompletedEducation: EducationLevelSchema,
  benefitCategory: BenefitCategorySchema,
});

/** The input of `recordStudyAssignment`: a young person for `TREATMENT`, `control` for `CONTROL`. */
export const RecordStudyAssignmentInputSchema = z
  .object({
    municipalityCode: MunicipalityCodeSchema,
    arm: StudyArmSchema,
    assignedOn: IsoDateSchema,
    youthId: EntityIdSchema.nullish(),
    control: ControlInputSchema.nullish(),
  })
  .superRefine((input, issues) => {
    if (input.arm === 'TREATMENT' && (!input.youthId || input.control)) {
      issues.addIssue({
        code: 'custom',
        path: ['youthId'],
        message: 'TREATMENT names the enrolled young person (youthId) and no control',
      });
    }
    if (input.arm === 'CONTROL' && (!input.control || input.youthId)) {
      issues.addIssue({
        code: 'custom',
        path: ['control'],
        message: 'CONTROL gives the reference and covariates (control) and no youthId',
      });
    }
  });

type RecordStudyAssignmentInput = z.infer<typeof RecordStudyAssignmentInputSchema>;

/** Stores the arm on the young person's profile, once. */
async function assignYouth(
  context: SubgraphContext,
  input: RecordStudyAssignmentInput,
  youthId: string,
  work: UnitOfWork,
): Promise<void> {
  const youth = requireYouthFound(
    // Another municipality's young person answers as no one: the stranger's answer.
    await loadOneYouth(context.loader, youthId).then((found) =>
      found?.municipalityCode === input.municipalityCode ? found : undefined,
    ),
  );
  requireNotAssigned(Boolean(youth.studyAssignment));
  work.change(YouthEntity, youth, {
    studyAssignment: { arm: input.arm, assignedOn: input.assignedOn },
  });
}

/** Keeps a control entry under the reference's pseudonym, once. */
async function assignControl(
  context: SubgraphContext,
  input: RecordStudyAssignmentInput,
  control: z.infer<typeof ControlInputSchema>,
  work: UnitOfWork,
): Promise<void> {
  requireNotCprLike(control.reference);
  const pseudonymise = (await pseudonymisersFromEnvironment()).youth;
  // The municipality's code is part of the hashed value: two municipalities' references never
  // meet, and the colon keeps them apart from young people's ids (which hold none).
  const pseudonym = pseudonymise(`control:${input.municipalityCode}:${control.reference}`);
  const { municipalityCode } = input;
  requireNotAssigned(
    (await readControlAssignment(context.table, municipalityCode, pseudonym)) !== undefined,
  );
  work.create(ControlAssignmentEntity, {
    municipalityCode,
    pseudonym,
    arm: 'CONTROL' as const,
    assignedOn: input.assignedOn,
    birthYear: control.birthYear,
    gender: control.gender,
    highestCompletedEducation: control.highestCompletedEducation,
    benefitCategory: control.benefitCategory,
    recordedAt: context.now().toISOString(),
  });
}

/**
 * `recordStudyAssignment`: the municipality's team leader records the lottery's draw for one
 * person (issue #21) — the arm of an enrolled young person on their profile, or a pseudonymised
 * control entry. Each person once (`ALREADY_ASSIGNED`); the day not in the future nor before
 * the programme began (`DATE_OUT_OF_RANGE`); a reference like a CPR number refused
 * (`REFERENCE_LOOKS_LIKE_CPR`). A control entry is created only if absent, so a race lost to
 * the same reference fails the transaction and the next run meets `ALREADY_ASSIGNED`.
 */
export const recordStudyAssignmentCommand = defineCommand({
  name: 'recordStudyAssignment',
  input: RecordStudyAssignmentInputSchema,
  async execute(context, input, work): Promise<StudyAssignment> {
    requireAssignmentDay(input.assignedOn, todayOf(context));
    if (input.youthId) await assignYouth(context, input, input.youthId, work);
    else if (input.control) await assignControl(context, input, input.control, work);
    return { arm: input.arm, assignedOn: input.assignedOn };
  },
  // A control entry is about no young person in NEXTWORK: its audit names the municipality.
  about: (input) => ({
    youthId: input.youthId ?? undefined,
    municipalityCode: input.municipalityCode,
  }),
  // The arm and the day only: never the reference.
  remember: (assignment) => assignment,
  recall: async (_context, remembered) => StudyAssignmentSchema.parse(remembered),
});
