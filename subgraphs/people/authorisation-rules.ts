import {
  allGuardedByParent,
  anyRole,
  anyStaff,
  audienceRule,
  audienceRules,
  checkedInResolver,
  connectionRules,
  edgeRules,
  programmeOffice,
  SHARED_TYPE_RULES,
  signedIn,
} from '#kernel/common-rules';
import { type AnyFieldRule, personal, REFERENCE, type SubgraphRules } from '#kernel/field-rules';
import { STAFF_ROLES } from '#kernel/identity';
import { MUNICIPALITY_FIELD_ACCESS } from './domain/municipality-access.ts';
import { municipalityAudienceOf } from './domain/municipality-queries.ts';
import { STAFF_FIELD_ACCESS, type StaffView } from './domain/staff-access.ts';
import { YOUTH_FIELD_ACCESS, type YouthView } from './domain/youth-access.ts';

/** The fields whose rule guards the figures' value types (counts only, never a person). */
const FIGURES = 'Municipality.youthStats, ProgrammeStats.youthStats';

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

/** Who records of the people subgraph are about, for the audit trail. */
const subjectOfYouthView = (parent: Partial<YouthView> & { id?: string }) => ({
  youthId: parent.youth?.id ?? parent.id,
  municipalityCode: parent.youth?.municipalityCode,
});

/**
 * The authorisation rule of every type and field of the people subgraph (DESIGN §5), enforced
 * by the kernel on every path. The access tables in `domain/*-access.ts` stay the one place the
 * audiences are written; this map turns them into rules and adds the types around them.
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
      'fellBack',
      'fellBackShare',
      'targets',
    ]),
    FiguresPeriod: allGuardedByParent(FIGURES, ['from', 'to']),
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
      [REFERENCE]: programmeOffice,
    },
    StaffMember: staffRules,
    ContactDetails: allGuardedByParent('Youth.contact, StaffMember.contact', ['phone', 'email']),
    Youth: youthRules(),
    YouthStatusChange: allGuardedByParent('Youth.statusHistory', ['status', 'date', 'reason']),
    SupportNote: allGuardedByParent('Youth.supportNotes, Mutation.addSupportNote', [
      'id',
      'date',
      'text',
      'author',
    ]),
    ResearchConsent: allGuardedByParent('Youth.researchConsent', [
      'given',
      'givenAt',
      'withdrawnAt',
    ]),
    YouthConnection: connectionRules('Municipality.youth, StaffMember.caseload'),
    YouthEdge: edgeRules('Municipality.youth, StaffMember.caseload'),
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
      youth: checkedInResolver('the young person, their team, a linked company'),
      staffMember: checkedInResolver('their team, its young people and companies'),
      me: signedIn,
      programmeStats: programmeOffice,
      // Reading a young person's trail is itself a read about them: audited like one.
      auditTrail: personal(
        checkedInResolver("the data protection officer of the young person's municipality", [
          'DATA_PROTECTION_OFFICER',
        ]),
      ),
      refusedAttempts: anyRole('DATA_PROTECTION_OFFICER'),
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
    ]),
    AuditRecordConnection: connectionRules(AUDIT_QUERIES),
    AuditRecordEdge: edgeRules(AUDIT_QUERIES),
    YouthPayload: allGuardedByParent('Mutation', ['youth', 'errors']),
    SupportNotePayload: allGuardedByParent('Mutation.addSupportNote', ['supportNote', 'errors']),
    Mutation: {
      enrolYouth: anyStaff,
      updateYouthProfile: checkedInResolver('their team, or the young person', [
        ...STAFF_ROLES,
        'YOUTH',
      ]),
      changeYouthStatus: checkedInResolver('their team', STAFF_ROLES),
      assignConsultant: checkedInResolver('their team', STAFF_ROLES),
      recordResearchConsent: checkedInResolver('their team, or the young person', [
        ...STAFF_ROLES,
        'YOUTH',
      ]),
      withdrawResearchConsent: checkedInResolver('their team, or the young person', [
        ...STAFF_ROLES,
        'YOUTH',
      ]),
      addSupportNote: anyRole('PSYCHOLOGIST'),
      exportYouthData: checkedInResolver(
        "the young person, their municipality's staff or data protection officer",
        [...STAFF_ROLES, 'YOUTH', 'DATA_PROTECTION_OFFICER'],
      ),
      eraseYouth: checkedInResolver(
        "the data protection officer of the young person's municipality",
        ['DATA_PROTECTION_OFFICER'],
      ),
      exportEvaluationDataset: programmeOffice,
    },
    ExportEvaluationDatasetPayload: allGuardedByParent('Mutation.exportEvaluationDataset', [
      'dataset',
      'errors',
    ]),
    EvaluationDataset: allGuardedByParent('Mutation.exportEvaluationDataset', [
      'location',
      'youthFile',
      'placementFile',
      'youthRows',
      'placementRows',
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
  },
  subjects: {
    Youth: subjectOfYouthView,
    'Query.youth': (_parent, args) => ({ youthId: String(args.id) }),
    'Query.auditTrail': (_parent, args) => ({ youthId: String(args.youthId) }),
  },
};
