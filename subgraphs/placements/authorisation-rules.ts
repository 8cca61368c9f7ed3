import {
  allGuardedByParent,
  anyOf,
  checkedInResolver,
  connectionRules,
  edgeRules,
  guardedByParent,
  programmeCountsOnly,
  programmeOffice,
  SHARED_TYPE_RULES,
  signedIn,
  staffOfMunicipality,
  subjectOfRecord,
  theYoungPersonThemself,
} from '#kernel/common-rules';
import {
  type AnyFieldRule,
  type FieldRule,
  fieldRule,
  personal,
  REFERENCE,
  type SubgraphRules,
} from '#kernel/field-rules';
import { canSeeRecord, type RecordParties } from './domain/access.ts';
import type { MatchingEvent } from './domain/matching-event.ts';
import { canSeeMatchingEvent } from './domain/matching-event-queries.ts';
import type { CompanyRef, YouthRef } from './domain/references.ts';
import {
  LIFECYCLE_MUTATION_RULES,
  LIFECYCLE_PLACEMENT_RULES,
  LIFECYCLE_QUERY_RULES,
  LIFECYCLE_TYPE_RULES,
} from './lifecycle-authorisation-rules.ts';

/** A party to a placement, wish or invitation (the young person, the company) or its team. */
const partyToRecord: FieldRule<RecordParties> = fieldRule('partyToRecordOrItsTeam', canSeeRecord);

/** The young person or their municipality's team (not the company). */
const youngPersonOrTeam = <Parent extends { youthId: string; municipalityCode: string }>() =>
  anyOf<Parent>(
    theYoungPersonThemself((record) => record.youthId),
    staffOfMunicipality((record) => record.municipalityCode),
  );

/** A young person's lists here: theirs and their team's (`requireYouthRecordsAccess`). */
const youthRecords = anyOf<YouthRef>(
  theYoungPersonThemself((youth) => youth.id),
  staffOfMunicipality((youth) => youth.municipalityCode),
);

/** A company's lists here: its own contacts' and its team's (`requireCompanyRecordsAccess`). */
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
 * The authorisation rule of every type and field of the placements subgraph (DESIGN §5),
 * enforced by the kernel on every path. The resolvers keep their own checks (they filter
 * listings and refuse records); this map makes every field's rule explicit and holds the
 * fields that had none of their own to the same parties.
 */
export const placementsRules: SubgraphRules = {
  types: {
    ...SHARED_TYPE_RULES,
    Query: {
      placement: checkedInResolver('a party to the placement or its team'),
      wish: checkedInResolver('a party to the wish or its team'),
      invitation: checkedInResolver('a party to the invitation or its team'),
      matchingEvent: checkedInResolver('its team, its young people and companies'),
      ...LIFECYCLE_QUERY_RULES,
    },
    Mutation: {
      createMatchingEvent: checkedInResolver("the municipality's team"),
      addMatchingEventParticipants: checkedInResolver("the event's team"),
      recordMatchingEventNote: checkedInResolver('the young person or their team'),
      createWish: checkedInResolver('the young person or their team'),
      withdrawWish: checkedInResolver('the young person or their team'),
      inviteYouth: checkedInResolver("the company's contacts or its team"),
      answerInvitation: checkedInResolver('the invited young person or their team'),
      withdrawInvitation: checkedInResolver("the inviting company's contacts or its team"),
      createPlacement: checkedInResolver("the young person's team"),
      startPlacement: checkedInResolver("the placement's team"),
      completeCheckpoint: checkedInResolver("the placement's team"),
      extendPlacement: checkedInResolver("the placement's team"),
      completePlacement: checkedInResolver("the placement's team"),
      interruptPlacement: checkedInResolver("the placement's team"),
      ...LIFECYCLE_MUTATION_RULES,
    },
    Municipality: {
      code: signedIn,
      placementStats: programmeCountsOnly((municipality: { code: string }) => municipality.code),
      matchingEvents: staffOfMunicipality((municipality: { code: string }) => municipality.code),
      // A reference carries nothing but the code; the fields decide.
      [REFERENCE]: signedIn,
    },
    Youth: {
      id: signedIn,
      placements: youthRecords,
      currentPlacement: checkedInResolver(
        "the young person, their team, or the host company's contacts (its own placement only)",
      ),
      wishes: youthRecords,
      invitations: youthRecords,
      matchingEvents: youthRecords,
      [REFERENCE]: checkedInResolver('the young person, their team, or a linked company'),
    },
    Company: {
      id: signedIn,
      placements: companyRecords,
      invitations: companyRecords,
      wishes: companyRecords,
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
        ],
        ['plan', 'checkpoints', 'outcome'],
      ),
      learningReflection: personal(youngPersonOrTeam<RecordParties>()),
      ...LIFECYCLE_PLACEMENT_RULES,
      [REFERENCE]: partyToRecord,
    },
    PlacementPlan: allGuardedByParent('Placement.plan', ['goals', 'tasks', 'support']),
    PlacementCheckpoint: {
      ...allGuardedByParent('Placement.checkpoints', ['id', 'title', 'dueDate', 'completedOn']),
      notes: notForCompanyContacts,
    },
    PlacementOutcome: allGuardedByParent('Placement.outcome', ['kind', 'date', 'details']),
    OutcomeDetails: allGuardedByParent('PlacementOutcome.details', ['what', 'where', 'startDate']),
    LearningReflection: allGuardedByParent('Placement.learningReflection', [
      'whatHappened',
      'whatWasLearned',
      'whatNext',
    ]),
    PlacementOrigin: {
      kind: guardedByParent('Placement.origin'),
      wish: checkedInResolver('a party to the wish or its team (null otherwise)'),
      invitation: checkedInResolver('a party to the invitation or its team (null otherwise)'),
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
      ],
      ['motivation'],
    ),
    Invitation: recordRules(partyToRecord, [
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
    ]),
    MatchingEvent: {
      ...recordRules(
        fieldRule('itsTeamYoungPeopleAndCompanies', (identity, event: MatchingEvent) =>
          canSeeMatchingEvent(identity, event),
        ),
        ['id', 'municipality', 'title', 'date', 'place', 'companies'],
      ),
      youth: staffOfMunicipality((event: MatchingEvent) => event.municipalityCode),
    },
    MatchingEventParticipation: recordRules(
      youngPersonOrTeam(),
      ['event', 'youth', 'note'],
      ['note'],
    ),
    StatsPeriod: allGuardedByParent('PlacementStats.period', ['from', 'to']),
    PlacementStats: allGuardedByParent(FIGURES, [
      'planned',
      'active',
      'extended',
      'completed',
      'interrupted',
      'suppressed',
      'period',
      'startedInPeriod',
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
    ]),
    OutcomeCount: allGuardedByParent('PlacementStats.outcomesInPeriod', ['kind', 'count']),
    RetentionFollowUp: allGuardedByParent('PlacementStats.retention', [
      'monthsAfterOutcome',
      'followedUp',
      'kept',
      'lost',
      'keptShare',
      'fellBackShare',
    ]),
    // The programme's totals: the programme office's alone (`requireProgrammeOffice`).
    ProgrammeStats: {
      from: programmeOffice,
      to: programmeOffice,
      placementStats: programmeOffice,
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
    PlacementPayload: allGuardedByParent('Mutation', ['placement', 'errors']),
    ...LIFECYCLE_TYPE_RULES,
    // Resolved by the people subgraph, under its rules; here only the id is passed on.
    StaffMember: { id: signedIn, ...LIFECYCLE_TYPE_RULES.StaffMember, [REFERENCE]: signedIn },
  },
  subjects: {
    Placement: subjectOfRecord,
    Wish: subjectOfRecord,
    Invitation: subjectOfRecord,
    MatchingEventParticipation: subjectOfRecord,
    Youth: (youth: { id?: string; municipalityCode?: string }) => ({
      youthId: youth.id,
      municipalityCode: youth.municipalityCode,
    }),
  },
};
