import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { ConflictError, DomainRuleError } from '#kernel/errors';
import { newId } from '#kernel/keys';
import { danishToday } from '#kernel/today';
import { parseInput } from '#kernel/validation';
import { readStaff } from '../repository/staff-repository.ts';
import {
  type ProfileChanges,
  readYouth,
  saveConsultantAssignment,
  saveEnrolment,
  saveProfileChanges,
  saveResearchConsent,
  saveSupportNote,
} from '../repository/youth-repository.ts';
import {
  prepareYouthStatusChange,
  YOUTH_NOT_FOUND,
} from '../repository/youth-status-transition.ts';
import { CONSULTANT_RULE, requireNetworkConsultantOf } from './consultant-rules.ts';
import { protectCpr } from './cpr.ts';
import { giveConsent, withdrawConsent } from './research-consent.ts';
import type { SupportNote } from './support-note.ts';
import { ENROLMENT_REASON, NO_CONSENT, type Youth } from './youth.ts';
import {
  audienceByRole,
  requireProfileFieldsWritable,
  requireYouthMutation,
  teamAudience,
  type YouthAudience,
  type YouthMutation,
  type YouthProfileField,
  type YouthView,
  youthAudience,
} from './youth-access.ts';
import {
  AddSupportNoteInputSchema,
  AssignConsultantInputSchema,
  ChangeYouthStatusInputSchema,
  enrolYouthInputSchema,
  PROFILE_FIELDS,
  ResearchConsentInputSchema,
  updateYouthProfileInputSchema,
} from './youth-inputs.ts';
import { requireManualStatusChange } from './youth-status-rules.ts';

/**
 * The use cases that change young people. Each parses its input (malformed: `BAD_USER_INPUT`),
 * checks who may run it (`FORBIDDEN`), checks the domain's rules (a `DomainRuleError`, returned
 * as a user error) and only then writes, with a condition on what it read (`CONFLICT` when
 * someone else changed it in between). A refused mutation writes nothing.
 */

/** Stable codes of rules the commands check themselves. */
export const YOUTH_RULE = {
  NOT_FOUND: YOUTH_NOT_FOUND,
  EXITED: 'YOUTH_EXITED',
  DATE_IN_FUTURE: 'DATE_IN_FUTURE',
  ENROLMENT_BEFORE_BIRTH: 'ENROLMENT_BEFORE_BIRTH',
} as const;

function todayOf(context: SubgraphContext): string {
  return danishToday(context.now());
}

function requireNotInFuture(date: string, today: string, path: string[]): void {
  if (date > today) {
    throw new DomainRuleError(
      YOUTH_RULE.DATE_IN_FUTURE,
      'The date must not be in the future',
      path,
    );
  }
}

function requireNotExited(youth: Youth): void {
  if (youth.status === 'EXITED') {
    throw new DomainRuleError(
      YOUTH_RULE.EXITED,
      'The young person has left the programme; their profile is closed',
      ['youthId'],
    );
  }
}

/**
 * Reads the young person a mutation concerns and checks the caller may run it on them.
 * Company contacts never change a young person, so their link is not read.
 */
async function youthForMutation(
  context: SubgraphContext,
  youthId: string,
  mutation: YouthMutation,
): Promise<{ youth: Youth; audience: YouthAudience }> {
  const identity = requireIdentity(context);
  const youth = await readYouth(context.table, youthId);
  if (!youth) {
    // Refuse roles that may never run the mutation before telling them whether the id exists.
    requireYouthMutation(audienceByRole(identity, youthId), mutation);
    throw new DomainRuleError(YOUTH_RULE.NOT_FOUND, 'No such young person', ['youthId']);
  }
  const audience = requireYouthMutation(youthAudience(identity, youth, false), mutation);
  return { youth, audience };
}

/**
 * Enrols a young person in the caller's municipality with status `ENROLLED`: the profile, the
 * first history entry and the counters in one transaction.
 *
 * @param context - the request
 * @param rawInput - `EnrolYouthInput`
 */
export async function enrolYouth(context: SubgraphContext, rawInput: unknown): Promise<YouthView> {
  const identity = requireIdentity(context);
  const today = todayOf(context);
  const input = parseInput(enrolYouthInputSchema(today), rawInput);
  const audience = requireYouthMutation(
    teamAudience(identity, input.municipalityCode),
    'enrolYouth',
  );
  const enrolledAt = input.enrolledAt ?? today;
  requireNotInFuture(enrolledAt, today, ['enrolledAt']);
  if (enrolledAt < input.dateOfBirth) {
    throw new DomainRuleError(
      YOUTH_RULE.ENROLMENT_BEFORE_BIRTH,
      'Enrolment must follow the birth date',
      ['enrolledAt'],
    );
  }
  if (input.consultantId) {
    requireNetworkConsultantOf(
      await readStaff(context.table, input.consultantId),
      input.municipalityCode,
    );
  }
  const id = newId(context.now().getTime());
  const cpr = input.cpr
    ? await protectCpr(context.services.cipher(), id, input.cpr, input.dateOfBirth)
    : undefined;
  const youth: Youth = {
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
    cprMasked: cpr?.cprMasked ?? null,
    version: 1,
  };
  await saveEnrolment(context.table, youth, ENROLMENT_REASON, cpr);
  context.logger.info('Young person enrolled', {
    youthId: youth.id,
    municipalityCode: youth.municipalityCode,
  });
  return { youth, audience };
}

/**
 * Changes fields of a profile. The young person may change their own contact details and
 * wishes; the rest is the team's (`YOUTH_PROFILE_WRITE_ACCESS`).
 *
 * @param context - the request
 * @param rawInput - `UpdateYouthProfileInput`
 */
export async function updateYouthProfile(
  context: SubgraphContext,
  rawInput: unknown,
): Promise<YouthView> {
  requireIdentity(context);
  const input = parseInput(updateYouthProfileInputSchema(todayOf(context)), rawInput);
  const { youth, audience } = await youthForMutation(context, input.youthId, 'updateYouthProfile');
  const changes: ProfileChanges = {};
  const changed: YouthProfileField[] = [];
  for (const field of PROFILE_FIELDS) {
    const value = input[field];
    if (value === null || value === undefined) continue;
    changed.push(field);
    Object.assign(changes, { [field]: value });
  }
  if (input.cpr) changed.push('cpr');
  requireProfileFieldsWritable(audience, changed);
  if (input.expectedVersion != null && input.expectedVersion !== youth.version) {
    throw new ConflictError();
  }
  requireNotExited(youth);
  const cpr = input.cpr
    ? await protectCpr(
        context.services.cipher(),
        youth.id,
        input.cpr,
        input.dateOfBirth ?? youth.dateOfBirth,
      )
    : undefined;
  const after = await saveProfileChanges(context.table, youth, changes, cpr);
  context.logger.info('Young person updated', { youthId: youth.id, fields: changed });
  return { youth: after, audience };
}

/**
 * Changes a young person's status by hand, along the transition table, through the same
 * `prepareYouthStatusChange` a placement uses.
 *
 * @param context - the request
 * @param rawInput - `ChangeYouthStatusInput`
 */
export async function changeYouthStatus(
  context: SubgraphContext,
  rawInput: unknown,
): Promise<YouthView> {
  requireIdentity(context);
  const input = parseInput(ChangeYouthStatusInputSchema, rawInput);
  const { audience } = await youthForMutation(context, input.youthId, 'changeYouthStatus');
  requireManualStatusChange(input, todayOf(context));
  const actions = await prepareYouthStatusChange(context.table, input);
  await context.table.transact(actions);
  const after = await readYouth(context.table, input.youthId);
  if (!after) throw new DomainRuleError(YOUTH_RULE.NOT_FOUND, 'No such young person', ['youthId']);
  context.logger.info('Young person status changed', { youthId: after.id, status: after.status });
  return { youth: after, audience };
}

/**
 * Makes a network consultant of the same municipality the young person's consultant.
 *
 * @param context - the request
 * @param rawInput - `AssignConsultantInput`
 */
export async function assignConsultant(
  context: SubgraphContext,
  rawInput: unknown,
): Promise<YouthView> {
  requireIdentity(context);
  const input = parseInput(AssignConsultantInputSchema, rawInput);
  const { youth, audience } = await youthForMutation(context, input.youthId, 'assignConsultant');
  requireNotExited(youth);
  requireNetworkConsultantOf(
    await readStaff(context.table, input.consultantId),
    youth.municipalityCode,
  );
  if (youth.consultantId === input.consultantId) {
    throw new DomainRuleError(
      CONSULTANT_RULE.ALREADY_ASSIGNED,
      'The consultant already follows the young person',
      ['consultantId'],
    );
  }
  await saveConsultantAssignment(context.table, youth, input.consultantId);
  const after: Youth = { ...youth, consultantId: input.consultantId, version: youth.version + 1 };
  context.logger.info('Consultant assigned', { youthId: youth.id, staffId: input.consultantId });
  return { youth: after, audience };
}

/**
 * Records the young person's consent to the effect evaluation.
 *
 * @param context - the request
 * @param rawInput - `RecordResearchConsentInput`
 */
export async function recordResearchConsent(
  context: SubgraphContext,
  rawInput: unknown,
): Promise<YouthView> {
  requireIdentity(context);
  const input = parseInput(ResearchConsentInputSchema, rawInput);
  const { youth, audience } = await youthForMutation(
    context,
    input.youthId,
    'recordResearchConsent',
  );
  const today = todayOf(context);
  requireNotExited(youth);
  const consent = giveConsent(youth.researchConsent, input.date ?? today, today);
  const after = await saveResearchConsent(context.table, youth, consent);
  context.logger.info('Research consent recorded', { youthId: youth.id });
  return { youth: after, audience };
}

/**
 * Records that the young person withdraws their consent to the effect evaluation. Allowed
 * after they left the programme too: consent can always be withdrawn.
 *
 * @param context - the request
 * @param rawInput - `WithdrawResearchConsentInput`
 */
export async function withdrawResearchConsent(
  context: SubgraphContext,
  rawInput: unknown,
): Promise<YouthView> {
  requireIdentity(context);
  const input = parseInput(ResearchConsentInputSchema, rawInput);
  const { youth, audience } = await youthForMutation(
    context,
    input.youthId,
    'withdrawResearchConsent',
  );
  const today = todayOf(context);
  const consent = withdrawConsent(youth.researchConsent, input.date ?? today, today);
  const after = await saveResearchConsent(context.table, youth, consent);
  context.logger.info('Research consent withdrawn', { youthId: youth.id });
  return { youth: after, audience };
}

/**
 * Adds a psychologist's support note to the young person's item collection.
 *
 * @param context - the request
 * @param rawInput - `AddSupportNoteInput`
 */
export async function addSupportNote(
  context: SubgraphContext,
  rawInput: unknown,
): Promise<SupportNote> {
  const identity = requireIdentity(context);
  const input = parseInput(AddSupportNoteInputSchema, rawInput);
  const { youth } = await youthForMutation(context, input.youthId, 'addSupportNote');
  const today = todayOf(context);
  const date = input.date ?? today;
  requireNotInFuture(date, today, ['date']);
  const note: SupportNote = {
    id: newId(context.now().getTime()),
    youthId: youth.id,
    date,
    text: input.text,
    authorId: 'staffId' in identity ? identity.staffId : null,
  };
  await saveSupportNote(context.table, note);
  context.logger.info('Support note added', { youthId: youth.id });
  return note;
}
