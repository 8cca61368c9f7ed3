import { audienceAllowed } from '#kernel/audience';
import {
  allGuardedByParent,
  allPersonalWithin,
  anyRole,
  audienceRule,
  audienceRules,
  connectionRules,
  edgeRules,
  guardedByParent,
  programmeOffice,
  SHARED_TYPE_RULES,
  signedIn,
} from '#kernel/common-rules';
import type { SubgraphContext } from '#kernel/context';
import {
  type AnyFieldRule,
  fieldRule,
  personal,
  personalWithin,
  REFERENCE,
  type RuleArgs,
  type SubgraphRules,
} from '#kernel/field-rules';
import type { Identity } from '#kernel/identity';
import { EntityIdSchema } from '#kernel/validation';
import {
  ACTIVITY_READ_ACCESS,
  activityAudience,
  mayRecordActivity,
} from './domain/activity-access.ts';
import { DATA_SUBJECT_ACCESS } from './domain/data-subject-access.ts';
import {
  dataSubjectAudienceOfInput,
  enrolmentAudience,
  youthAudienceOfInput,
} from './domain/input-audience.ts';
import { MUNICIPALITY_FIELD_ACCESS } from './domain/municipality-access.ts';
import { municipalityAudienceOf } from './domain/municipality-queries.ts';
import { mayRecordProgrammeCosts } from './domain/programme-costs.ts';
import {
  mayReadPsychologistCaseload,
  STAFF_FIELD_ACCESS,
  type StaffView,
} from './domain/staff-access.ts';
import {
  STAFF_MUTATION_ACCESS,
  teamOfCodeAudience,
  teamOfStaffAudience,
} from './domain/staff-management-access.ts';
import { staffViewById } from './domain/staff-queries.ts';
import {
  mayChangeProfileFields,
  YOUTH_FIELD_ACCESS,
  YOUTH_MUTATION_ACCESS,
  type YouthView,
} from './domain/youth-access.ts';
import { profileFieldsChangedBy } from './domain/youth-inputs.ts';
import { youthViewById } from './domain/youth-queries.ts';

/** The fields whose rule guards the figures' value types (counts only, never a person). */
const FIGURES = 'Municipality.youthStats, ProgrammeStats.youthStats';

/** The fields whose rule guards the resource figures' value types (minutes, costs, counts). */
const RESOURCE_FIGURES = 'Municipality.resourceStats, ProgrammeStats.resourceStats';

/** The fields whose rule guards the direction figures' value types (counts only). */
const DIRECTION_FIGURES = 'Municipality.directionStats, ProgrammeStats.directionStats';

/** Where a young person's self-assessments are reached, whose rules guard them. */
const SELF_ASSESSMENTS = ['Youth.selfAssessments', 'Mutation.recordSelfAssessment'];

/** Where a psychologist's contacts are reached, whose rules guard them. */
const PSYCHOLOGIST_CONTACTS = ['Youth.psychologistContacts', 'Mutation.recordPsychologistContact'];

/** Where young people are listed, whose rules guard the connection types. */
const YOUTH_LISTINGS = 'Municipality.youth, StaffMember.caseload, StaffMember.psychologistCaseload';

/** The data protection officer's queries, whose rules guard the audit records. */
const AUDIT_QUERIES = 'Query.auditTrail, Query.refusedAttempts';

/** Fields of `Youth` that are not personal data: its id, its municipality, its version. */
const NOT_PERSONAL = new Set(['id', 'municipality', 'version']);

/** `YOUTH_FIELD_ACCESS` as rules; every field but the id, municipality and version is personal. */
function youthRules(): Record<string, AnyFieldRule> {
  const rules: Record<string, AnyFieldRule> = audienceRules(
    'YOUTH_FIELD_ACCESS',
    YOUTH_FIELD_ACCESS,
    (_identity, view: YouthView) => view.audience,
  );
  for (const field of Object.keys(rules)) {
    const rule = rules[field];
    if (rule && !NOT_PERSONAL.has(field)) rules[field] = personal(rule);
  }
  rules[REFERENCE] = audienceRule(
    'YOUTH_FIELD_ACCESS.id',
    (_identity, view: YouthView) => view.audience,
    YOUTH_FIELD_ACCESS.id,
  );
  return rules;
}

const staffRules: Record<string, AnyFieldRule> = {
  ...audienceRules(
    'STAFF_FIELD_ACCESS',
    STAFF_FIELD_ACCESS,
    (_identity, view: StaffView) => view.audience,
  ),
  [REFERENCE]: audienceRule(
    'STAFF_FIELD_ACCESS.id',
    (_identity, view: StaffView) => view.audience,
    STAFF_FIELD_ACCESS.id,
  ),
  // Narrower than the team, so after the table's rules they replace.
  psychologistCaseload: fieldRule(
    'mayReadPsychologistCaseload (the psychologist themself, their team leader)',
    (identity, view: StaffView) => mayReadPsychologistCaseload(identity, view),
  ),
  activities: audienceRule(
    'ACTIVITY_READ_ACCESS',
    (identity, view: StaffView) => activityAudience(identity, view),
    ACTIVITY_READ_ACCESS,
  ),
};

const municipalityRules: Record<string, AnyFieldRule> = {
  ...audienceRules(
    'MUNICIPALITY_FIELD_ACCESS',
    MUNICIPALITY_FIELD_ACCESS,
    (_identity, municipality: { code: string }, context) =>
      municipalityAudienceOf(context, municipality.code),
  ),
  // A municipality's code and name are public to every signed-in caller.
  [REFERENCE]: signedIn,
};

/** A mutation's `input` argument, as sent (the rule runs before the command parses it). */
function inputOf(args: RuleArgs): Record<string, unknown> {
  const input = args.input;
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
}

/**
 * The rule of a root field that names one record by its `id` argument: allowed when the
 * caller's audience for the record is among those allowed — and when no record has the id (or
 * the id is malformed), for the resolver to answer null (or `BAD_USER_INPUT`).
 */
function namedRecordRule(
  name: string,
  viewOf: (context: SubgraphContext, id: string) => Promise<{ audience: string | null } | null>,
  allowed: readonly string[],
): AnyFieldRule {
  return fieldRule(
    `audience(${name}: ${allowed.join(', ')}) or no such record`,
    async (_identity, _parent: unknown, context, args) => {
      const id = EntityIdSchema.safeParse(args.id);
      if (!id.success) return true;
      const view = await viewOf(context, id.data);
      return view === null || audienceAllowed(view.audience, allowed);
    },
  );
}

/** The caller's audience for the young person a mutation's input names. */
const youthOfInput = (
  identity: Identity,
  _parent: unknown,
  context: SubgraphContext,
  args: RuleArgs,
) => youthAudienceOfInput(identity, context, inputOf(args).youthId);

/** The rule of a mutation on a young person: its entry of `YOUTH_MUTATION_ACCESS`. */
function youthMutationRule(mutation: keyof typeof YOUTH_MUTATION_ACCESS): AnyFieldRule {
  return audienceRule(
    `YOUTH_MUTATION_ACCESS.${mutation}`,
    youthOfInput,
    YOUTH_MUTATION_ACCESS[mutation],
  );
}

/**
 * `updateYouthProfile`: its entry of `YOUTH_MUTATION_ACCESS`, and each field the input changes
 * by its entry of `YOUTH_PROFILE_WRITE_ACCESS` (the young person keeps their own contact details
 * and wishes up to date; the rest is the team's).
 */
const updateYouthProfileRule = fieldRule(
  `audience(YOUTH_MUTATION_ACCESS.updateYouthProfile: ${YOUTH_MUTATION_ACCESS.updateYouthProfile.join(', ')}; YOUTH_PROFILE_WRITE_ACCESS of each field changed)`,
  async (identity, parent: unknown, context, args) => {
    const audience = await youthOfInput(identity, parent, context, args);
    return (
      audienceAllowed(audience, YOUTH_MUTATION_ACCESS.updateYouthProfile) &&
      mayChangeProfileFields(audience, profileFieldsChangedBy(inputOf(args)))
    );
  },
);

/**
 * The rule of a mutation that manages the team of the staff member its input names: its entry
 * of `STAFF_MUTATION_ACCESS`.
 */
function teamOfStaffRule(
  mutation: keyof typeof STAFF_MUTATION_ACCESS,
  field: string,
): AnyFieldRule {
  return audienceRule(
    `STAFF_MUTATION_ACCESS.${mutation}`,
    (identity, _parent: unknown, context, args) =>
      teamOfStaffAudience(identity, context, inputOf(args)[field]),
    STAFF_MUTATION_ACCESS[mutation],
  );
}

/** The rule of an act on a young person's rights: its entry of `DATA_SUBJECT_ACCESS`. */
function dataSubjectRule(
  entry: keyof typeof DATA_SUBJECT_ACCESS,
  youthIdOf: (args: RuleArgs) => unknown,
): AnyFieldRule {
  return audienceRule(
    `DATA_SUBJECT_ACCESS.${entry}`,
    (identity, _parent: unknown, context, args) =>
      dataSubjectAudienceOfInput(identity, context, youthIdOf(args)),
    DATA_SUBJECT_ACCESS[entry],
  );
}

/** Who records of the people subgraph are about, for the audit trail. */
const subjectOfYouthView = (parent: Partial<YouthView> & { id?: string }) => ({
  youthId: parent.youth?.id ?? parent.id,
  municipalityCode: parent.youth?.municipalityCode,
});

/**
 * The authorisation rule of every type and field of the people subgraph (who may see what:
 * `docs/authorisation.md`), enforced by the kernel on every path. The access tables in
 * `domain/*-access.ts` stay the one place the audiences are written; this map turns them into
 * rules — loading the record a root field or a mutation names through the request's loader —
 * and adds the types around them.
 */
export const peopleRules: SubgraphRules = {
  types: {
    ...SHARED_TYPE_RULES,
    Municipality: municipalityRules,
    YouthStats: allGuardedByParent(FIGURES, [
      'total',
      'enrolled',
      'inPlacement',
      'inEducation',
      'inJob',
      'paused',
      'exited',
      'suppressed',
      'period',
      'enrolledInPeriod',
      'statusChangesInPeriod',
      'leftForEducationOrJob',
      'leftForEducationOrJobShare',
      'followUps',
      'averageWeeksInEducationOrJobFirstYear',
      'averageWeeksOnPassiveSupportFirstYear',
      'fellBack',
      'fellBackShare',
      'targets',
      'enrolledWithAgeException',
    ]),
    FiguresPeriod: allGuardedByParent(`${FIGURES}, ${DIRECTION_FIGURES}`, ['from', 'to']),
    YouthStatusChanges: allGuardedByParent(FIGURES, [
      'total',
      'toEnrolled',
      'toInPlacement',
      'toInEducation',
      'toInJob',
      'toPaused',
      'toExited',
    ]),
    YouthFollowUp: allGuardedByParent(FIGURES, [
      'monthsAfterEnrolment',
      'youthFollowedUp',
      'inEducationOrJob',
      'share',
    ]),
    ProgrammeTargets: allGuardedByParent(FIGURES, ['intoEducationOrJob', 'fallingBack']),
    TargetResult: allGuardedByParent(FIGURES, ['target', 'actual', 'met']),
    ProgrammeStats: {
      from: programmeOffice,
      to: programmeOffice,
      youthStats: programmeOffice,
      directionStats: programmeOffice,
      resourceStats: programmeOffice,
      [REFERENCE]: programmeOffice,
    },
    StaffMember: staffRules,
    // A staff member's contact details too; a young person's are read (and audited) as theirs.
    ContactDetails: Object.fromEntries(
      ['phone', 'email'].map((field) => [
        field,
        personalWithin(['Youth.contact'], guardedByParent('Youth.contact, StaffMember.contact')),
      ]),
    ),
    Youth: youthRules(),
    YouthStatusChange: allPersonalWithin(['Youth.statusHistory'], ['status', 'date', 'reason']),
    StudyAssignment: allPersonalWithin(
      ['Youth.studyAssignment', 'Mutation.recordStudyAssignment'],
      ['arm', 'assignedOn'],
    ),
    StudyAssignmentPayload: allGuardedByParent('Mutation.recordStudyAssignment', [
      'studyAssignment',
      'errors',
    ]),
    BenefitPeriod: allPersonalWithin(['Youth.benefitHistory'], ['category', 'from']),
    SupportNote: allPersonalWithin(
      ['Youth.supportNotes', 'Mutation.addSupportNote', 'Mutation.updateSupportNote'],
      ['id', 'date', 'text', 'author', 'version'],
    ),
    PsychologistContact: allPersonalWithin(PSYCHOLOGIST_CONTACTS, [
      'id',
      'on',
      'kind',
      'minutes',
      'referralMade',
      'followUp',
      'psychologist',
      'recordedAt',
    ]),
    PsychologistFollowUp: allPersonalWithin(PSYCHOLOGIST_CONTACTS, ['on', 'note']),
    PsychologistContactConnection: connectionRules('Youth.psychologistContacts'),
    PsychologistContactEdge: edgeRules('Youth.psychologistContacts'),
    ResearchConsent: allPersonalWithin(
      ['Youth.researchConsent'],
      ['given', 'givenAt', 'withdrawnAt'],
    ),
    YouthConnection: {
      ...connectionRules(YOUTH_LISTINGS),
      totalCount: guardedByParent(YOUTH_LISTINGS),
    },
    YouthEdge: edgeRules(YOUTH_LISTINGS),
    // Owned by the companies subgraph; here only the id of the caller's own contact record.
    CompanyContact: { id: signedIn, [REFERENCE]: signedIn },
    // The caller's own identity, as `Query.me` hands it out; the records behind it are checked
    // by their own types' rules.
    Viewer: allGuardedByParent('Query.me (the caller themself)', [
      'role',
      'municipality',
      'youth',
      'staffMember',
      'companyContact',
    ]),
    Query: {
      municipalities: signedIn,
      municipality: signedIn,
      youth: namedRecordRule('YOUTH_FIELD_ACCESS.id', youthViewById, YOUTH_FIELD_ACCESS.id),
      staffMember: namedRecordRule('STAFF_FIELD_ACCESS.id', staffViewById, STAFF_FIELD_ACCESS.id),
      me: signedIn,
      programmeStats: programmeOffice,
      // Reading a young person's trail is itself a read about them: audited like one.
      auditTrail: personal(dataSubjectRule('auditTrail', (args) => args.youthId)),
      refusedAttempts: anyRole('DATA_PROTECTION_OFFICER'),
      // The items' wording is the app's text, the same for everyone.
      selfAssessmentItems: signedIn,
    },
    AuditRecord: allGuardedByParent(AUDIT_QUERIES, [
      'at',
      'action',
      'target',
      'youthId',
      'municipalityCode',
      'reason',
      'actorSubject',
      'actorRole',
      'correlationId',
      'count',
    ]),
    AuditRecordConnection: connectionRules(AUDIT_QUERIES),
    AuditRecordEdge: edgeRules(AUDIT_QUERIES),
    YouthPayload: allGuardedByParent('Mutation', ['youth', 'errors']),
    SupportNotePayload: allGuardedByParent('Mutation.addSupportNote, Mutation.updateSupportNote', [
      'supportNote',
      'errors',
    ]),
    PsychologistContactPayload: allGuardedByParent('Mutation.recordPsychologistContact', [
      'psychologistContact',
      'errors',
    ]),
    Mutation: {
      enrolYouth: audienceRule(
        'YOUTH_MUTATION_ACCESS.enrolYouth',
        (identity, _parent: unknown, _context, args) =>
          enrolmentAudience(identity, inputOf(args).municipalityCode),
        YOUTH_MUTATION_ACCESS.enrolYouth,
      ),
      updateYouthProfile: updateYouthProfileRule,
      changeYouthStatus: youthMutationRule('changeYouthStatus'),
      assignConsultant: youthMutationRule('assignConsultant'),
      recordResearchConsent: youthMutationRule('recordResearchConsent'),
      withdrawResearchConsent: youthMutationRule('withdrawResearchConsent'),
      addSupportNote: youthMutationRule('addSupportNote'),
      updateSupportNote: youthMutationRule('updateSupportNote'),
      recordPsychologistContact: youthMutationRule('recordPsychologistContact'),
      exportYouthData: dataSubjectRule('exportYouthData', (args) => inputOf(args).youthId),
      eraseYouth: dataSubjectRule('eraseYouth', (args) => inputOf(args).youthId),
      exportEvaluationDataset: programmeOffice,
      recordSelfAssessment: youthMutationRule('recordSelfAssessment'),
      addStaffMember: audienceRule(
        'STAFF_MUTATION_ACCESS.addStaffMember',
        (identity, _parent: unknown, _context, args) =>
          teamOfCodeAudience(identity, inputOf(args).municipalityCode),
        STAFF_MUTATION_ACCESS.addStaffMember,
      ),
      recordStudyAssignment: audienceRule(
        'STAFF_MUTATION_ACCESS.recordStudyAssignment',
        (identity, _parent: unknown, _context, args) =>
          teamOfCodeAudience(identity, inputOf(args).municipalityCode),
        STAFF_MUTATION_ACCESS.recordStudyAssignment,
      ),
      changeStaffRole: teamOfStaffRule('changeStaffRole', 'staffId'),
      removeStaffMember: teamOfStaffRule('removeStaffMember', 'staffId'),
      reassignCaseload: teamOfStaffRule('reassignCaseload', 'fromConsultantId'),
      registerMunicipality: programmeOffice,
      recordProgrammeCosts: fieldRule(
        'audience(recordProgrammeCosts: TEAM_LEADER of the municipality, PROGRAMME)',
        (identity, _parent, _context, args) =>
          mayRecordProgrammeCosts(identity, inputOf(args).municipalityCode),
      ),
      recordActivity: fieldRule(
        'audience(recordActivity: NETWORK_CONSULTANT, TEAM_LEADER, ENTREPRENEUR, PSYCHOLOGIST of the municipality)',
        (identity, _parent, _context, args) =>
          mayRecordActivity(identity, inputOf(args).municipalityCode),
      ),
    },
    ProgrammeCostsPayload: allGuardedByParent('Mutation.recordProgrammeCosts', [
      'programmeCosts',
      'errors',
    ]),
    ProgrammeCosts: allGuardedByParent('Mutation.recordProgrammeCosts', [
      'municipalityCode',
      'month',
      'amountDkk',
      'version',
    ]),
    ResourceStats: allGuardedByParent(RESOURCE_FIGURES, [
      'staffMinutes',
      'staffMinutesByKind',
      'staffHourCostDkk',
      'staffHourCostVersion',
      'staffCostDkk',
      'programmeCostsDkk',
      'programmeCostsByMonth',
      'totalCostDkk',
      'youthEnrolled',
      'youthIntoEducationOrJob',
      'staffMinutesPerYouthEnrolled',
      'costPerYouthEnrolledDkk',
      'costPerYouthIntoEducationOrJobDkk',
      'programmeCostsVersion',
    ]),
    ProgrammeCostsOfMonth: allGuardedByParent(RESOURCE_FIGURES, ['month', 'amountDkk']),
    ActivityPayload: allGuardedByParent('Mutation.recordActivity', ['activity', 'errors']),
    Activity: {
      ...allGuardedByParent('StaffMember.activities, Mutation.recordActivity', [
        'id',
        'kind',
        'minutes',
        'on',
        'companyId',
        'source',
        'recordedAt',
      ]),
      // Whom it concerned and the staff member's words about them: that young person's data,
      // audited as a read about them and in their art. 15 export (`activities`).
      youthId: personal(guardedByParent('StaffMember.activities, Mutation.recordActivity')),
      note: personal(guardedByParent('StaffMember.activities, Mutation.recordActivity')),
    },
    ActivityConnection: connectionRules('StaffMember.activities'),
    ActivityEdge: edgeRules('StaffMember.activities'),
    StaffMinutes: allGuardedByParent('Youth.staffMinutes', ['total', 'byKind']),
    StaffMinutesOfKind: allGuardedByParent(`Youth.staffMinutes, ${RESOURCE_FIGURES}`, [
      'kind',
      'minutes',
    ]),
    RegisterMunicipalityPayload: allGuardedByParent('Mutation.registerMunicipality', [
      'municipality',
      'errors',
    ]),
    StaffMemberPayload: allGuardedByParent('Mutation.addStaffMember, Mutation.changeStaffRole', [
      'staffMember',
      'errors',
    ]),
    RemoveStaffMemberPayload: allGuardedByParent('Mutation.removeStaffMember', [
      'removedStaffId',
      'errors',
    ]),
    ReassignCaseloadPayload: allGuardedByParent('Mutation.reassignCaseload', [
      'moved',
      'complete',
      'consultant',
      'errors',
    ]),
    ExportEvaluationDatasetPayload: allGuardedByParent('Mutation.exportEvaluationDataset', [
      'dataset',
      'errors',
    ]),
    EvaluationDataset: allGuardedByParent('Mutation.exportEvaluationDataset', [
      'location',
      'youthFile',
      'placementFile',
      'codebookFile',
      'youthRows',
      'placementRows',
      'controlFile',
      'controlRows',
      'from',
      'to',
      'municipalityCodes',
      'generatedAt',
    ]),
    ExportYouthDataPayload: allGuardedByParent('Mutation.exportYouthData', ['export', 'errors']),
    YouthDataExport: allGuardedByParent('Mutation.exportYouthData', [
      'youthId',
      'generatedAt',
      'document',
    ]),
    EraseYouthPayload: allGuardedByParent('Mutation.eraseYouth', ['erasure', 'errors']),
    YouthErasure: allGuardedByParent('Mutation.eraseYouth', [
      'youthId',
      'erasedAt',
      'alreadyErased',
      'itemsDeleted',
      'itemsAnonymised',
    ]),
    SelfAssessmentItems: allGuardedByParent('Query.selfAssessmentItems', [
      'version',
      'scaleMin',
      'scaleMax',
      'items',
    ]),
    SelfAssessmentItem: allGuardedByParent('Query.selfAssessmentItems', ['key', 'da', 'en']),
    SelfAssessment: allPersonalWithin(SELF_ASSESSMENTS, [
      'occasion',
      'taskId',
      'placementId',
      'itemsVersion',
      'answers',
      'overall',
      'date',
      'recordedAt',
    ]),
    SelfAssessmentAnswer: allPersonalWithin(SELF_ASSESSMENTS, ['itemKey', 'score']),
    SelfAssessmentPayload: allGuardedByParent('Mutation.recordSelfAssessment', [
      'selfAssessment',
      'errors',
    ]),
    DirectionStats: allGuardedByParent(DIRECTION_FIGURES, [
      'period',
      'suppressed',
      'overall',
      'items',
    ]),
    DirectionChange: allGuardedByParent(DIRECTION_FIGURES, [
      'youthAssessedTwice',
      'improved',
      'improvedShare',
      'medianChange',
    ]),
    DirectionItemChange: allGuardedByParent(DIRECTION_FIGURES, ['itemKey', 'change']),
  },
  subjects: {
    Youth: subjectOfYouthView,
    Activity: (activity: { youthId?: string; municipalityCode?: string }) =>
      activity.youthId
        ? { youthId: activity.youthId, municipalityCode: activity.municipalityCode }
        : undefined,
    'Query.youth': (_parent, args) => ({ youthId: String(args.id) }),
    'Query.auditTrail': (_parent, args) => ({ youthId: String(args.youthId) }),
  },
};
