import {
  allGuardedByParent,
  allPersonalWithin,
  anyOf,
  audienceRule,
  connectionRules,
  edgeRules,
  guardedByParent,
  programmeCountsOnly,
  programmeOffice,
  programmeOrTeamLeader,
  SHARED_TYPE_RULES,
  signedIn,
  staffOfMunicipality,
  subjectOfRecord,
  theYoungPersonThemself,
} from '#kernel/common-rules';
import type { SubgraphContext } from '#kernel/context';
import {
  type AnyFieldRule,
  type FieldRule,
  fieldRule,
  personal,
  personalWithin,
  REFERENCE,
  type SubgraphRules,
} from '#kernel/field-rules';
import type { Identity } from '#kernel/identity';
import { EntityIdSchema } from '#kernel/validation';
import { isTiedNow } from '#kernel/youth-company-link';
import {
  audienceOf,
  canSeeRecord,
  MUTATION_ACCESS,
  type PlacementsMutation,
  type RecordParties,
} from './domain/access.ts';
import { findInvitation } from './domain/invitation-queries.ts';
import type { MatchingEvent } from './domain/matching-event.ts';
import { canSeeMatchingEvent, findMatchingEvent } from './domain/matching-event-queries.ts';
import { MUTATION_PARTIES } from './domain/mutation-parties.ts';
import { findPlacement } from './domain/placement-queries.ts';
import type { CompanyRef, YouthRef } from './domain/references.ts';
import type { TieView } from './domain/tie-queries.ts';
import { findWish } from './domain/wish-queries.ts';
import {
  LIFECYCLE_PLACEMENT_RULES,
  LIFECYCLE_QUERY_RULES,
  LIFECYCLE_TYPE_RULES,
  subjectOfTask,
} from './lifecycle-authorisation-rules.ts';
import {
  PARTICIPANT_PLACEMENT_RULES,
  PARTICIPANT_QUERY_RULES,
  PARTICIPANT_TYPE_RULES,
} from './participant-authorisation-rules.ts';

/** A party to a placement, wish or invitation (the young person, the company) or its team. */
const partyToRecord: FieldRule<RecordParties> = fieldRule('partyToRecordOrItsTeam', canSeeRecord);

/**
 * A root field of one record by its `id`: decided on the record, loaded through the request's
 * loader (the resolver reads it from there again). A record that does not exist, or an id
 * that is malformed, passes to the resolver, which answers null or `BAD_USER_INPUT`.
 *
 * @param name - the rule's name
 * @param find - the record of an id
 * @param allows - whether the caller may see the record
 */
function recordById<R>(
  name: string,
  find: (context: SubgraphContext, id: string) => Promise<R | null>,
  allows: (identity: Identity, record: R) => boolean,
): FieldRule<unknown> {
  return fieldRule(name, async (identity, _parent, context, args) => {
    const id = args.id;
    if (typeof id !== 'string' || !EntityIdSchema.safeParse(id).success) return true;
    const record = await find(context, id);
    return record === null || allows(identity, record);
  });
}

/**
 * The rule of a mutation: the caller's audience for the record it acts on (the parties its
 * input names, `mutation-parties.ts`) must be one the access table allows (`MUTATION_ACCESS`).
 * A role that could never make the change is refused before anything is read; a record that
 * does not exist leaves the command to answer its user error.
 */
function mutationRule(mutation: PlacementsMutation): FieldRule<unknown> {
  return audienceRule(
    `MUTATION_ACCESS.${mutation}`,
    async (identity, _parent, context, args) => {
      const byRole = audienceOf(identity, {});
      if (!byRole || !MUTATION_ACCESS[mutation].includes(byRole)) return null;
      const input = (args.input ?? {}) as Record<string, unknown>;
      return audienceOf(identity, await MUTATION_PARTIES[mutation](identity, context, input));
    },
    MUTATION_ACCESS[mutation],
  );
}

/** Every mutation's rule, from the access table. */
const MUTATION_RULES = Object.fromEntries(
  (Object.keys(MUTATION_ACCESS) as PlacementsMutation[]).map((name) => [name, mutationRule(name)]),
);

/**
 * A company contact whose company an open invitation, an open wish or a planned or running
 * placement ties to the young person now (`#kernel/youth-company-link`).
 */
const aCompanyTiedToThem = fieldRule<YouthRef>(
  'contactOfACompanyTiedToThem',
  (identity, youth, context) =>
    identity.role === 'COMPANY_CONTACT' && isTiedNow(context, youth.id, identity.companyId),
);

/** The young person or their municipality's team (not the company). */
const youngPersonOrTeam = <Parent extends { youthId: string; municipalityCode: string }>() =>
  anyOf<Parent>(
    theYoungPersonThemself((record) => record.youthId),
    staffOfMunicipality((record) => record.municipalityCode),
  );

/** A young person's lists here: theirs and their team's. */
const youthRecords = anyOf<YouthRef>(
  theYoungPersonThemself((youth) => youth.id),
  staffOfMunicipality((youth) => youth.municipalityCode),
);

/** A company's lists here: its own contacts' and its team's. */
const companyRecords = anyOf<CompanyRef>(
  fieldRule(
    'contactOfTheCompany',
    (identity, company) => identity.role === 'COMPANY_CONTACT' && identity.companyId === company.id,
  ),
  staffOfMunicipality((company) => company.municipalityCode),
);

/** Not for company contacts: the team's notes and the young person's reflection. */
const notForCompanyContacts = fieldRule(
  'notForCompanyContacts',
  (identity) => identity.role !== 'COMPANY_CONTACT',
);

/** Every listed field of a record type under one rule; the personal ones marked. */
function recordRules<Parent>(
  rule: FieldRule<Parent>,
  fields: readonly string[],
  personalFields: readonly string[] = [],
): Record<string, AnyFieldRule> {
  return Object.fromEntries(
    fields.map((field) => [field, personalFields.includes(field) ? personal(rule) : rule]),
  );
}

/**
 * A company's tie to a young person: for the team of the young person's municipality, and for a
 * contact of the company only while the live link ties them (`isTiedNow`) — the tie is history,
 * and history shows a company no young person it is not tied to now.
 */
const aTieTheCallerMaySee = anyOf<TieView>(
  staffOfMunicipality((tie) => tie.municipalityCode),
  fieldRule(
    'contactOfTheCompanyTiedToThemNow',
    (identity, tie, context) =>
      identity.role === 'COMPANY_CONTACT' &&
      identity.companyId === tie.companyId &&
      isTiedNow(context, tie.youthId, tie.companyId),
  ),
);

/** The fields of a youth–company tie, with the field that names the other side. */
const TIE_FIELDS = (other: string[]) => [
  ...other,
  'ways',
  'firstContact',
  'lastContact',
  'youthInterest',
  'companyInterest',
  'strength',
];

/** The fields whose rules guard the placement figures. */
const FIGURES = 'Municipality.placementStats, ProgrammeStats.placementStats';

const CONNECTIONS = {
  Placement: 'Youth.placements, Company.placements',
  Wish: 'Youth.wishes, Company.wishes',
  Invitation: 'Youth.invitations, Company.invitations',
  MatchingEvent: 'Municipality.matchingEvents',
  MatchingEventParticipation: 'Youth.matchingEvents',
} as const;

/**
 * The authorisation rule of every type and field of the placements subgraph
 * (`docs/authorisation.md`), enforced by the kernel on every path: the one place each field's
 * rule is stated. Rules that decide on a record load it through the request's loader; the
 * resolvers and commands keep no checks of their own, only the filters that answer null.
 */
export const placementsRules: SubgraphRules = {
  types: {
    ...SHARED_TYPE_RULES,
    Query: {
      placement: recordById('partyToThePlacementOrItsTeam', findPlacement, canSeeRecord),
      wish: recordById('partyToTheWishOrItsTeam', findWish, canSeeRecord),
      invitation: recordById('partyToTheInvitationOrItsTeam', findInvitation, canSeeRecord),
      matchingEvent: recordById(
        'itsTeamYoungPeopleAndCompanies',
        findMatchingEvent,
        canSeeMatchingEvent,
      ),
      ...LIFECYCLE_QUERY_RULES,
      ...PARTICIPANT_QUERY_RULES,
    },
    Mutation: MUTATION_RULES,
    Municipality: {
      code: signedIn,
      placementStats: programmeCountsOnly((municipality: { code: string }) => municipality.code),
      matchingEvents: staffOfMunicipality((municipality: { code: string }) => municipality.code),
      tieStats: programmeCountsOnly((municipality: { code: string }) => municipality.code),
      fidelity: programmeOrTeamLeader((municipality: { code: string }) => municipality.code),
      // A reference carries nothing but the code; the fields decide.
      [REFERENCE]: signedIn,
    },
    Youth: {
      id: signedIn,
      placements: youthRecords,
      // A company contact reaches a young person through the reference only (tied to them);
      // the resolver shows them the current placement only when it is at their own company.
      currentPlacement: anyOf<YouthRef>(
        youthRecords,
        fieldRule('aCompanyContact', (identity) => identity.role === 'COMPANY_CONTACT'),
      ),
      wishes: youthRecords,
      invitations: youthRecords,
      matchingEvents: youthRecords,
      companyTies: youthRecords,
      [REFERENCE]: anyOf<YouthRef>(youthRecords, aCompanyTiedToThem),
    },
    Company: {
      id: signedIn,
      placements: companyRecords,
      invitations: companyRecords,
      wishes: companyRecords,
      // Each tie on the page is filtered by who may see it (`tie-queries.ts`) and ruled below.
      youthTies: companyRecords,
      companyTies: companyRecords,
      [REFERENCE]: companyRecords,
    },
    // Resolved by the companies subgraph, under its rules; here only the id is passed on.
    CompanyContact: { id: signedIn, [REFERENCE]: signedIn },
    PlacementOpportunity: { id: signedIn, [REFERENCE]: signedIn },
    Placement: {
      ...recordRules(
        partyToRecord,
        [
          'id',
          'youth',
          'company',
          'opportunity',
          'mentor',
          'municipality',
          'status',
          'startDate',
          'endDate',
          'weeklyHours',
          'plan',
          'checkpoints',
          'outcome',
          'origin',
          'createdAt',
          'version',
        ],
        ['plan', 'checkpoints', 'outcome'],
      ),
      learningReflection: personal(youngPersonOrTeam<RecordParties>()),
      // The young person's own words on an interruption: theirs and their team's, never the company's.
      youthReflection: personal(youngPersonOrTeam<RecordParties>()),
      ...LIFECYCLE_PLACEMENT_RULES,
      ...PARTICIPANT_PLACEMENT_RULES,
      [REFERENCE]: partyToRecord,
    },
    PlacementPlan: allPersonalWithin(['Placement.plan'], ['goals', 'tasks', 'support']),
    PlacementCheckpoint: {
      ...allPersonalWithin(['Placement.checkpoints'], ['id', 'title', 'dueDate', 'completedOn']),
      notes: personalWithin(['Placement.checkpoints'], notForCompanyContacts),
    },
    PlacementOutcome: allPersonalWithin(['Placement.outcome'], ['kind', 'date', 'details']),
    OutcomeDetails: allPersonalWithin(['PlacementOutcome.details'], ['what', 'where', 'startDate']),
    LearningReflection: allPersonalWithin(
      ['Placement.learningReflection'],
      ['whatHappened', 'whatWasLearned', 'whatNext'],
    ),
    YouthReflection: allPersonalWithin(['Placement.youthReflection'], ['text', 'writtenAt']),
    PlacementOrigin: {
      kind: guardedByParent('Placement.origin'),
      // The wish or invitation has the placement's parties; the resolvers answer null to anyone
      // the record itself is not open to.
      wish: guardedByParent('Placement.origin'),
      invitation: guardedByParent('Placement.origin'),
    },
    Wish: recordRules(
      partyToRecord,
      [
        'id',
        'youth',
        'company',
        'opportunity',
        'rank',
        'motivation',
        'status',
        'placement',
        'createdAt',
        'version',
        'answer',
      ],
      ['motivation', 'answer'],
    ),
    // The company's answer: about the young person's wish, shown to the wish's parties.
    WishAnswer: allPersonalWithin(['Wish.answer'], ['kind', 'message', 'answeredAt', 'invitation']),
    Invitation: recordRules(
      partyToRecord,
      [
        'id',
        'youth',
        'company',
        'opportunity',
        'message',
        'status',
        'expiresAt',
        'answeredAt',
        'placement',
        'createdAt',
        'version',
      ],
      // The company's words to the young person: about them, and shown to them and their team.
      ['message'],
    ),
    // The team's act, for the team and the young person it is about; never the company's to read.
    Introduction: recordRules(
      youngPersonOrTeam(),
      ['id', 'youth', 'company', 'note', 'introducedBy', 'createdAt', 'version'],
      ['note'],
    ),
    MatchingEvent: {
      ...recordRules(
        fieldRule('itsTeamYoungPeopleAndCompanies', (identity, event: MatchingEvent) =>
          canSeeMatchingEvent(identity, event),
        ),
        ['id', 'municipality', 'title', 'date', 'place', 'companies', 'version'],
      ),
      youth: staffOfMunicipality((event: MatchingEvent) => event.municipalityCode),
    },
    MatchingEventParticipation: recordRules(
      youngPersonOrTeam(),
      ['event', 'youth', 'note', 'version'],
      ['note'],
    ),
    // The other side is a reference, under its own type's rules; the tie's facts are personal.
    CompanyTie: recordRules(youngPersonOrTeam<TieView>(), TIE_FIELDS(['company']), TIE_FIELDS([])),
    YouthTie: recordRules(aTieTheCallerMaySee, TIE_FIELDS(['youth']), TIE_FIELDS([])),
    YouthTieConnection: connectionRules('Company.youthTies'),
    YouthTieEdge: edgeRules('Company.youthTies'),
    CompanyCompanyTie: allGuardedByParent('Company.companyTies', [
      'company',
      'ways',
      'firstContact',
      'lastContact',
    ]),
    TieStats: allGuardedByParent('Municipality.tieStats, ProgrammeStats.tieStats', [
      'from',
      'to',
      'suppressed',
      'youthWithCompanyTies',
      'youthWithThreeOrMoreCompanyTies',
      'youthWithFirstPlacement',
      'medianCompaniesMetBeforeFirstPlacement',
      'companiesTiedToTwoOrMoreYouth',
      'companiesHostingMoreThanOnePlacement',
      'newTies',
      'youthWithPeerTies',
    ]),
    StatsPeriod: allGuardedByParent('PlacementStats.period, MunicipalityFidelity.period', [
      'from',
      'to',
    ]),
    MunicipalityFidelity: allGuardedByParent('Municipality.fidelity', [
      'period',
      'suppressed',
      'placementsStarted',
      'placementsChosenByYouth',
      'chosenByYouthShare',
    ]),
    PlacementStats: allGuardedByParent(FIGURES, [
      'planned',
      'active',
      'extended',
      'completed',
      'interrupted',
      'suppressed',
      'period',
      'startedInPeriod',
      'startedChosenByYouth',
      'extendedInPeriod',
      'completedInPeriod',
      'interruptedInPeriod',
      'endedInPeriod',
      'outcomesInPeriod',
      'leftForEducationOrJob',
      'leftForEducationOrJobShare',
      'retention',
      'firstPlacements',
      'medianDaysFromEnrolmentToFirstPlacement',
      'wishAnswers',
      'feedback',
    ]),
    WishAnswerStats: allGuardedByParent('PlacementStats.wishAnswers', [
      'made',
      'answered',
      'invited',
      'declined',
      'answeredShare',
      'invitedShare',
    ]),
    PlacementFeedbackStats: allGuardedByParent('PlacementStats.feedback', [
      'side',
      'occasion',
      'given',
      'ratings',
      'meanRating',
    ]),
    FeedbackRatingCount: allGuardedByParent('PlacementFeedbackStats.ratings', ['rating', 'count']),
    OutcomeCount: allGuardedByParent('PlacementStats.outcomesInPeriod', ['kind', 'count']),
    RetentionFollowUp: allGuardedByParent('PlacementStats.retention', [
      'monthsAfterOutcome',
      'followedUp',
      'kept',
      'lost',
      'keptShare',
      'fellBackShare',
    ]),
    // The programme's totals: the programme office's alone.
    ProgrammeStats: {
      from: programmeOffice,
      to: programmeOffice,
      placementStats: programmeOffice,
      tieStats: programmeOffice,
      [REFERENCE]: programmeOffice,
    },
    PlacementConnection: connectionRules(CONNECTIONS.Placement),
    PlacementEdge: edgeRules(CONNECTIONS.Placement),
    WishConnection: connectionRules(CONNECTIONS.Wish),
    WishEdge: edgeRules(CONNECTIONS.Wish),
    InvitationConnection: connectionRules(CONNECTIONS.Invitation),
    InvitationEdge: edgeRules(CONNECTIONS.Invitation),
    MatchingEventConnection: connectionRules(CONNECTIONS.MatchingEvent),
    MatchingEventEdge: edgeRules(CONNECTIONS.MatchingEvent),
    MatchingEventParticipationConnection: connectionRules(CONNECTIONS.MatchingEventParticipation),
    MatchingEventParticipationEdge: edgeRules(CONNECTIONS.MatchingEventParticipation),
    MatchingEventPayload: allGuardedByParent('Mutation', ['matchingEvent', 'errors']),
    MatchingEventParticipationPayload: allGuardedByParent('Mutation', ['participation', 'errors']),
    WishPayload: allGuardedByParent('Mutation', ['wish', 'errors']),
    InvitationPayload: allGuardedByParent('Mutation', ['invitation', 'errors']),
    IntroductionPayload: allGuardedByParent('Mutation', ['introduction', 'errors']),
    PlacementPayload: allGuardedByParent('Mutation', ['placement', 'errors']),
    ...LIFECYCLE_TYPE_RULES,
    ...PARTICIPANT_TYPE_RULES,
    // Resolved by the people subgraph, under its rules; here only the id is passed on.
    StaffMember: { id: signedIn, ...LIFECYCLE_TYPE_RULES.StaffMember, [REFERENCE]: signedIn },
  },
  subjects: {
    Placement: subjectOfRecord,
    Wish: subjectOfRecord,
    Invitation: subjectOfRecord,
    Introduction: subjectOfRecord,
    MatchingEventParticipation: subjectOfRecord,
    CompanyTie: subjectOfRecord,
    YouthTie: subjectOfRecord,
    LifecycleTask: subjectOfTask,
    ParticipantTask: subjectOfRecord,
    PlacementFeedback: subjectOfRecord,
    Youth: (youth: { id?: string; municipalityCode?: string }) => ({
      youthId: youth.id,
      municipalityCode: youth.municipalityCode,
    }),
  },
};
