import { NotFoundError } from '#kernel/errors';
import { danishToday } from '#kernel/today';
import { EntityIdSchema } from '#kernel/validation';
import { staffMinutesOf } from '../domain/activity-queries.ts';
import { benefitHistoryOf } from '../domain/benefit-history.ts';
import { psychologistContactsOf } from '../domain/psychologist-queries.ts';
import { selfAssessmentDueOf, selfAssessmentsOf } from '../domain/self-assessment-queries.ts';
import { staffViewById } from '../domain/staff-queries.ts';
import { ageOn, firstNameOf } from '../domain/youth.ts';
import { statusHistoryOf, supportNotesOf, youthViewById } from '../domain/youth-queries.ts';
import type { YouthResolvers } from '../generated/resolvers-types.ts';
import { loadMunicipalities } from '../repository/municipality-repository.ts';

/**
 * `Youth`: the fields of the young person behind the view. Who may read each field is stated
 * once, in `domain/youth-access.ts` (`YOUTH_FIELD_ACCESS`), and the kernel enforces it on every
 * path (`authorisation-rules.ts`) — references from other subgraphs (`_entities`) by the same
 * rule as `Query.youth`, so that no path shows a company contact more than the work profile.
 */
export const Youth: YouthResolvers = {
  async __resolveReference(reference, context) {
    if (!EntityIdSchema.safeParse(reference.id).success) return null;
    return youthViewById(context, reference.id);
  },
  id: ({ youth }) => youth.id,
  name: ({ youth }) => youth.name,
  firstName: ({ youth }) => firstNameOf(youth.name),
  interests: ({ youth }) => youth.interests,
  workWishes: ({ youth }) => youth.workWishes,
  async municipality({ youth }, _args, context) {
    const [municipality] = await loadMunicipalities(context.loader, [youth.municipalityCode]);
    if (!municipality) throw new NotFoundError('The municipality is not registered');
    return municipality;
  },
  dateOfBirth: ({ youth }) => youth.dateOfBirth,
  age: ({ youth }, _args, context) => ageOn(youth.dateOfBirth, danishToday(context.now())),
  contact: ({ youth }) => ({ phone: youth.phone, email: youth.email }),
  enrolledAt: ({ youth }) => youth.enrolledAt,
  status: ({ youth }) => youth.status,
  consultant: ({ youth }, _args, context) =>
    youth.consultantId ? staffViewById(context, youth.consultantId) : null,
  benefitCategory: ({ youth }) => youth.benefitCategory,
  benefitHistory: ({ youth }) => benefitHistoryOf(youth),
  gender: ({ youth }) => youth.gender ?? null,
  highestCompletedEducation: ({ youth }) => youth.highestCompletedEducation ?? null,
  studyAssignment: ({ youth }) => youth.studyAssignment ?? null,
  barriers: ({ youth }) => youth.barriers,
  researchConsent: ({ youth }) => youth.researchConsent,
  version: ({ youth }) => youth.version,
  cprMasked: ({ youth }) => youth.cprMasked ?? null,
  ageExceptionReason: ({ youth }) => youth.ageExceptionReason ?? null,
  statusHistory: (view, _args, context) => statusHistoryOf(context, view),
  supportNotes: (view, _args, context) => supportNotesOf(context, view),
  staffMinutes: (view, _args, context) => staffMinutesOf(context, view),
  psychologistContacts: (view, args, context) => psychologistContactsOf(context, view, args),
  selfAssessments: (view, _args, context) => selfAssessmentsOf(context, view),
  selfAssessmentDue: (view, _args, context) => selfAssessmentDueOf(context, view),
};
