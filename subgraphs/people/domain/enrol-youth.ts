import { defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { programmeStart, requireDateInRange } from '#kernel/date-bounds';
import { newId } from '#kernel/keys';
import type { UnitOfWork } from '#kernel/unit-of-work';
import { loadStaffMember, stillNetworkConsultantOf } from '../repository/staff-repository.ts';
import type { CprAttributes } from '../repository/youth-entity.ts';
import { StatusHistoryEntryEntity } from '../repository/youth-entity.ts';
import { newProfile } from '../repository/youth-repository.ts';
import { countYouthFigures } from '../repository/youth-stats-entity.ts';
import { enrolmentBenefitHistory } from './benefit-history.ts';
import { requireNetworkConsultantOf } from './consultant-rules.ts';
import { protectCpr } from './cpr.ts';
import { ENROLMENT_REASON, NO_CONSENT, type Youth } from './youth.ts';
import { answersWithYouth, todayOf, viewForCaller } from './youth-command-support.ts';
import { enrolmentFigureChanges } from './youth-figures.ts';
import {
  type EnrolYouthInput,
  EnrolYouthInputSchema,
  requireAgeInProgramme,
} from './youth-inputs.ts';
import {
  enrolledWithAgeException,
  requireAgeInTargetGroupOrReason,
  requireEnrolmentAfterBirth,
  requireNotInFuture,
} from './youth-rules.ts';
import { countChanges } from './youth-stats.ts';

/** The young person an enrolment creates: status `ENROLLED`, version 1. */
function enrolledYouth(
  id: string,
  input: EnrolYouthInput,
  enrolledAt: string,
  cprMasked: string | null,
): Youth {
  return {
    id,
    municipalityCode: input.municipalityCode,
    name: input.name,
    dateOfBirth: input.dateOfBirth,
    phone: input.phone,
    email: input.email ?? null,
    enrolledAt,
    status: 'ENROLLED',
    statusChangedAt: enrolledAt,
    statusChanges: 1,
    consultantId: input.consultantId ?? null,
    interests: input.interests ?? [],
    workWishes: input.workWishes ?? [],
    benefitCategory: input.benefitCategory,
    barriers: input.barriers ?? [],
    researchConsent: NO_CONSENT,
    cprMasked,
    ageExceptionReason: input.ageExceptionReason ?? null,
    gender: input.gender ?? null,
    highestCompletedEducation: input.highestCompletedEducation ?? null,
    benefitHistory: enrolmentBenefitHistory(input.benefitCategory, enrolledAt),
    atEnrolment: {
      gender: input.gender ?? null,
      highestCompletedEducation: input.highestCompletedEducation ?? null,
      benefitCategory: input.benefitCategory,
    },
    version: 1,
  };
}

/**
 * Stages an enrolment (the tests' `givenYouth` stores young people through it too): the profile (with its first timeline entry and, when given, the
 * encrypted CPR number), the first history entry, one more `ENROLLED` in the municipality's
 * counters and one more in the enrolment month's cohort, and — when a consultant is assigned —
 * the check that they are still a network consultant of the municipality.
 *
 * @param work - the unit of work
 * @param youth - the young person, status `ENROLLED`, version 1
 * @param cpr - the encrypted and masked CPR number, when one is recorded
 */
export function stageEnrolment(
  work: UnitOfWork,
  youth: Youth,
  cpr: CprAttributes | undefined,
): void {
  work.add(newProfile(youth, cpr));
  const first = { status: youth.status, date: youth.enrolledAt };
  work.create(StatusHistoryEntryEntity, {
    ...first,
    youthId: youth.id,
    sequence: 1,
    reason: ENROLMENT_REASON,
  });
  countYouthFigures(
    work,
    youth.municipalityCode,
    countChanges(null, youth.status),
    enrolmentFigureChanges(youth.enrolledAt, [first], enrolledWithAgeException(youth)),
  );
  if (youth.consultantId) {
    work.add(stillNetworkConsultantOf(youth.consultantId, youth.municipalityCode));
  }
}

/** Checks what an enrolment must agree with, and returns its day. */
async function checkedEnrolment(context: SubgraphContext, input: EnrolYouthInput): Promise<string> {
  const today = todayOf(context);
  requireAgeInProgramme(input.dateOfBirth, today);
  const enrolledAt = input.enrolledAt ?? today;
  requireNotInFuture(enrolledAt, today, ['enrolledAt']);
  requireDateInRange(enrolledAt, { notBefore: [programmeStart] }, ['enrolledAt']);
  requireEnrolmentAfterBirth(enrolledAt, input.dateOfBirth);
  requireAgeInTargetGroupOrReason(input.dateOfBirth, enrolledAt, input.ageExceptionReason);
  if (input.consultantId) {
    requireNetworkConsultantOf(
      await loadStaffMember(context.loader, input.consultantId),
      input.municipalityCode,
    );
  }
  return enrolledAt;
}

/**
 * `enrolYouth`: enrols a young person in the municipality's programme with status `ENROLLED`
 * (the municipality's team: `YOUTH_MUTATION_ACCESS.enrolYouth`).
 */
export const enrolYouthCommand = defineCommand({
  name: 'enrolYouth',
  input: EnrolYouthInputSchema,
  async execute(context, input, work) {
    const enrolledAt = await checkedEnrolment(context, input);
    const id = newId(context.now().getTime());
    const cpr = input.cpr
      ? await protectCpr(context.services.cipher(), id, input.cpr, input.dateOfBirth)
      : undefined;
    const youth = enrolledYouth(id, input, enrolledAt, cpr?.cprMasked ?? null);
    stageEnrolment(work, youth, cpr);
    return viewForCaller(context, youth);
  },
  ...answersWithYouth,
});
