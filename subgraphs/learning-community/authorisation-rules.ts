import {
  allGuardedByParent,
  allPersonalWithin,
  anyRole,
  audienceRule,
  audienceRules,
  connectionRules,
  edgeRules,
  guardedByParent,
  programmeCountsOnly,
  programmeOffice,
  SHARED_TYPE_RULES,
  signedIn,
  staffOfMunicipality,
  subjectOfRecord,
} from '#kernel/common-rules';
import {
  type AnyFieldRule,
  type FieldRule,
  fieldRule,
  personal,
  REFERENCE,
  type SubgraphRules,
} from '#kernel/field-rules';
import { type Role, STAFF_ROLES } from '#kernel/identity';
import {
  companyAudienceOf,
  groupAudienceOf,
  groupNamedBy,
  mutationOnRecord,
  queryOfRecord,
  sessionAudienceOf,
  sessionNamedBy,
  storyAudienceOf,
  storyNamedBy,
  suggestionAudienceOf,
  suggestionNamedBy,
  youthAudienceOf,
  youthNamedBy,
} from './authorisation-audiences.ts';
import {
  NETWORK_GROUP_FIELD_ACCESS,
  NETWORK_GROUP_MUTATION_ACCESS,
  TEAM_AND_MEMBERS,
} from './domain/group-access.ts';
import {
  COMPANY_FIELD_ACCESS,
  SELF_AND_TEAM,
  YOUTH_FIELD_ACCESS,
  YOUTH_MUTATION_ACCESS,
} from './domain/participant-access.ts';
import {
  NETWORK_SESSION_FIELD_ACCESS,
  NETWORK_SESSION_MUTATION_ACCESS,
  NETWORK_SESSION_QUERY_ACCESS,
} from './domain/session-access.ts';
import { SUGGESTION_FIELD_ACCESS, SUGGESTION_MUTATION_ACCESS } from './domain/suggestion-access.ts';
import {
  LEARNING_SHARERS,
  mayReadManagerName,
  UNITED_ORGANISERS,
  UNITED_READERS,
} from './domain/united-access.ts';
import type { GatheringManagerView } from './domain/united-gathering.ts';
import { WORK_STORY_FIELD_ACCESS, WORK_STORY_MUTATION_ACCESS } from './domain/work-story-access.ts';

/** NEXTWORK United (learnings, gatherings, trainings): every team and the programme office. */
const unitedReaders = anyRole(...UNITED_READERS);

/** Every listed field under one rule; the personal ones marked. */
function fieldsUnder<Parent>(
  rule: FieldRule<Parent>,
  fields: readonly string[],
  personalFields: readonly string[] = [],
): Record<string, AnyFieldRule> {
  return Object.fromEntries(
    fields.map((field) => [field, personalFields.includes(field) ? personal(rule) : rule]),
  );
}

/** Marks the named rules of a map as personal data. */
function withPersonal(
  rules: Record<string, AnyFieldRule>,
  personalFields: readonly string[],
): Record<string, AnyFieldRule> {
  return Object.fromEntries(
    Object.entries(rules).map(([field, rule]) => [
      field,
      personalFields.includes(field) ? personal(rule) : rule,
    ]),
  );
}

const groupRules = audienceRules(
  'NETWORK_GROUP_FIELD_ACCESS',
  NETWORK_GROUP_FIELD_ACCESS,
  groupAudienceOf,
);
const sessionRules = audienceRules(
  'NETWORK_SESSION_FIELD_ACCESS',
  NETWORK_SESSION_FIELD_ACCESS,
  sessionAudienceOf,
);
const storyRules = audienceRules(
  'WORK_STORY_FIELD_ACCESS',
  WORK_STORY_FIELD_ACCESS,
  storyAudienceOf,
);
const suggestionRules = audienceRules(
  'SUGGESTION_FIELD_ACCESS',
  SUGGESTION_FIELD_ACCESS,
  suggestionAudienceOf,
);
const youthRules = audienceRules('YOUTH_FIELD_ACCESS', YOUTH_FIELD_ACCESS, youthAudienceOf);
const companyRules = audienceRules('COMPANY_FIELD_ACCESS', COMPANY_FIELD_ACCESS, companyAudienceOf);

/** The team of a group the mutation names by `input.<field>`. */
const onGroup = (mutation: keyof typeof NETWORK_GROUP_MUTATION_ACCESS, field: string) =>
  mutationOnRecord(
    `NETWORK_GROUP_MUTATION_ACCESS.${mutation}`,
    STAFF_ROLES,
    groupNamedBy(field),
    NETWORK_GROUP_MUTATION_ACCESS[mutation],
  );

/** The team of a session the mutation names by `input.<field>`. */
const onSession = (mutation: keyof typeof NETWORK_SESSION_MUTATION_ACCESS, field: string) =>
  mutationOnRecord(
    `NETWORK_SESSION_MUTATION_ACCESS.${mutation}`,
    STAFF_ROLES,
    sessionNamedBy(field),
    NETWORK_SESSION_MUTATION_ACCESS[mutation],
  );

/** A story the mutation names by `input.id`, for the roles that may ever run it. */
const onStory = (mutation: keyof typeof WORK_STORY_MUTATION_ACCESS, roles: readonly Role[]) =>
  mutationOnRecord(
    `WORK_STORY_MUTATION_ACCESS.${mutation}`,
    roles,
    storyNamedBy('id'),
    WORK_STORY_MUTATION_ACCESS[mutation],
  );

/** The team of the suggestion the mutation names by `input.id`. */
const onSuggestion = (mutation: keyof typeof SUGGESTION_MUTATION_ACCESS) =>
  mutationOnRecord(
    `SUGGESTION_MUTATION_ACCESS.${mutation}`,
    STAFF_ROLES,
    suggestionNamedBy('id'),
    SUGGESTION_MUTATION_ACCESS[mutation],
  );

/**
 * The authorisation rule of every type and field of the learning community subgraph (who may
 * see what: `docs/authorisation.md`), enforced by the kernel on every path. The access tables in
 * `domain/*-access.ts` are the one place the audiences are written; this map turns them into
 * rules, and the resolvers and commands check nobody again.
 */
export const learningCommunityRules: SubgraphRules = {
  types: {
    ...SHARED_TYPE_RULES,
    Municipality: {
      code: signedIn,
      networkStats: programmeCountsOnly((municipality: { code: string }) => municipality.code),
      networkGroups: staffOfMunicipality((municipality: { code: string }) => municipality.code),
      suggestions: staffOfMunicipality((municipality: { code: string }) => municipality.code),
      // A reference carries nothing but the code; the fields decide.
      [REFERENCE]: signedIn,
    },
    Youth: {
      id: signedIn,
      ...youthRules,
      // An unknown young person has no municipality, so no audience: refused like a stranger.
      [REFERENCE]: audienceRule('YOUTH_FIELD_ACCESS (reference)', youthAudienceOf, SELF_AND_TEAM),
    },
    Company: {
      id: signedIn,
      ...companyRules,
      [REFERENCE]: audienceRule(
        'COMPANY_FIELD_ACCESS (reference)',
        companyAudienceOf,
        COMPANY_FIELD_ACCESS.networkGroups,
      ),
    },
    // Entities other subgraphs resolve under their own rules; here only the id is passed on.
    CompanyContact: { id: signedIn, [REFERENCE]: signedIn },
    StaffMember: { id: signedIn, [REFERENCE]: signedIn },
    Placement: { id: signedIn, [REFERENCE]: signedIn },
    NetworkGroup: {
      ...groupRules,
      [REFERENCE]: audienceRule(
        'NETWORK_GROUP_FIELD_ACCESS (reference)',
        groupAudienceOf,
        TEAM_AND_MEMBERS,
      ),
    },
    NetworkGroupMember: allGuardedByParent('NetworkGroup.members (the team only)', [
      'memberId',
      'youth',
      'contact',
      'company',
      'joinedOn',
    ]),
    NetworkGroupConnection: connectionRules('Municipality.networkGroups'),
    NetworkGroupEdge: edgeRules('Municipality.networkGroups'),
    NetworkStats: allGuardedByParent('Municipality.networkStats, ProgrammeStats.networkStats', [
      'youthGroups',
      'companyGroups',
      'sessionsHeld',
      'attendance',
      'suppressed',
      'period',
      'suggestions',
    ]),
    SuggestionCounts: allGuardedByParent('NetworkStats.suggestions', [
      'madeByYoungPeople',
      'madeByCompanies',
      'answered',
      'actedOn',
    ]),
    NetworkFiguresPeriod: allGuardedByParent('NetworkStats.period', ['from', 'to']),
    ProgrammeStats: {
      from: programmeOffice,
      to: programmeOffice,
      networkStats: programmeOffice,
      [REFERENCE]: programmeOffice,
    },
    AttendanceCounts: allGuardedByParent('NetworkStats.attendance, NetworkSession.attendance', [
      'present',
      'absent',
      'excused',
      'rate',
    ]),
    NetworkSession: sessionRules,
    SessionAttendance: allGuardedByParent("NetworkSession.attendance (the group's team)", [
      'memberId',
      'youth',
      'contact',
      'status',
    ]),
    NetworkSessionConnection: connectionRules('NetworkGroup.sessions'),
    NetworkSessionEdge: edgeRules('NetworkGroup.sessions'),
    YouthAttendance: fieldsUnder(
      guardedByParent('Youth.attendance'),
      ['present', 'absent', 'excused', 'rate', 'records'],
      ['present', 'absent', 'excused', 'rate', 'records'],
    ),
    AttendanceRecord: allGuardedByParent('YouthAttendance.records', ['date', 'status', 'session']),
    AttendanceRecordConnection: connectionRules('YouthAttendance.records'),
    AttendanceRecordEdge: edgeRules('YouthAttendance.records'),
    WorkStory: withPersonal(storyRules, ['whatIDid', 'whatIWasGoodAt', 'whatIWantNext']),
    WorkStoryConnection: connectionRules(
      'Youth.workStories, NetworkGroup.sharedStories, Company.sharedStories',
    ),
    WorkStoryEdge: edgeRules(
      'Youth.workStories, NetworkGroup.sharedStories, Company.sharedStories',
    ),
    PracticeLearning: fieldsUnder(unitedReaders, [
      'id',
      'title',
      'body',
      'tags',
      'municipality',
      // Open to every reader; the resolver names the person to their own team only.
      'sharedBy',
      'sharedAt',
    ]),
    PracticeLearningConnection: connectionRules('Query.practiceLearnings'),
    PracticeLearningEdge: edgeRules('Query.practiceLearnings'),
    // `staff` names the person to their own team only (null otherwise), by the resolver.
    GatheringParticipant: fieldsUnder(unitedReaders, ['kind', 'municipality', 'staff', 'role']),
    UnitedGathering: fieldsUnder(unitedReaders, [
      'id',
      'startDate',
      'endDate',
      'hostMunicipality',
      'participants',
      'agenda',
      'outcomes',
      'version',
      'managers',
    ]),
    GatheringManager: {
      municipality: unitedReaders,
      title: unitedReaders,
      // An employee's name: the programme office and the teams of the municipalities taking part.
      name: fieldRule(
        'UNITED managers (programme office, teams taking part)',
        (identity, manager: GatheringManagerView) => mayReadManagerName(identity, manager),
      ),
    },
    UnitedGatheringConnection: connectionRules('Query.unitedGatherings'),
    UnitedGatheringEdge: edgeRules('Query.unitedGatherings'),
    TeamTrainer: fieldsUnder(unitedReaders, ['municipality', 'staff']),
    TeamTraining: fieldsUnder(unitedReaders, [
      'id',
      'trainedMunicipality',
      'startDate',
      'endDate',
      'trainers',
      'topics',
    ]),
    TeamTrainingConnection: connectionRules('Query.teamTrainings'),
    TeamTrainingEdge: edgeRules('Query.teamTrainings'),
    Suggestion: withPersonal(suggestionRules, ['text', 'answer']),
    SuggestionAnswer: allPersonalWithin(['Suggestion.answer'], ['text', 'answeredAt']),
    SuggestionConnection: connectionRules('Municipality.suggestions, Query.mySuggestions'),
    SuggestionEdge: edgeRules('Municipality.suggestions, Query.mySuggestions'),
    SuggestionPayload: allGuardedByParent('Mutation', ['suggestion', 'errors']),
    Query: {
      networkGroup: queryOfRecord(
        'NETWORK_GROUP_FIELD_ACCESS.id',
        groupNamedBy('id', 'argument'),
        NETWORK_GROUP_FIELD_ACCESS.id,
      ),
      networkSession: queryOfRecord(
        'NETWORK_SESSION_QUERY_ACCESS.networkSession',
        sessionNamedBy('id', 'argument'),
        NETWORK_SESSION_QUERY_ACCESS.networkSession,
      ),
      workStory: queryOfRecord(
        'WORK_STORY_FIELD_ACCESS.id',
        storyNamedBy('id', 'argument'),
        WORK_STORY_FIELD_ACCESS.id,
      ),
      practiceLearnings: unitedReaders,
      practiceLearning: unitedReaders,
      unitedGatherings: unitedReaders,
      unitedGathering: unitedReaders,
      teamTrainings: unitedReaders,
      // Only the caller's own: the listing is of the caller's author partition.
      mySuggestions: anyRole('YOUTH', 'COMPANY_CONTACT'),
      suggestion: queryOfRecord(
        'SUGGESTION_FIELD_ACCESS.id',
        suggestionNamedBy('id', 'argument'),
        SUGGESTION_FIELD_ACCESS.id,
      ),
    },
    CreateNetworkGroupPayload: allGuardedByParent('Mutation', ['group', 'errors']),
    UpdateNetworkGroupPayload: allGuardedByParent('Mutation', ['group', 'errors']),
    NetworkGroupMembersPayload: allGuardedByParent('Mutation', ['group', 'errors']),
    ScheduleNetworkSessionPayload: allGuardedByParent('Mutation', ['session', 'errors']),
    UpdateNetworkSessionPayload: allGuardedByParent('Mutation', ['session', 'errors']),
    RecordSessionAttendancePayload: allGuardedByParent('Mutation', ['session', 'errors']),
    WorkStoryPayload: allGuardedByParent('Mutation', ['story', 'errors']),
    SharePracticeLearningPayload: allGuardedByParent('Mutation', ['learning', 'errors']),
    UnitedGatheringPayload: allGuardedByParent('Mutation', ['gathering', 'errors']),
    RecordTeamTrainingPayload: allGuardedByParent('Mutation', ['training', 'errors']),
    Mutation: {
      // A group is created in the caller's own municipality.
      createNetworkGroup: anyRole(...STAFF_ROLES),
      updateNetworkGroup: onGroup('updateNetworkGroup', 'id'),
      addNetworkGroupMembers: onGroup('addNetworkGroupMembers', 'groupId'),
      removeNetworkGroupMembers: onGroup('removeNetworkGroupMembers', 'groupId'),
      scheduleNetworkSession: onGroup('scheduleNetworkSession', 'groupId'),
      updateNetworkSession: onSession('updateNetworkSession', 'id'),
      recordSessionAttendance: onSession('recordSessionAttendance', 'sessionId'),
      writeWorkStory: mutationOnRecord(
        'YOUTH_MUTATION_ACCESS.writeWorkStory',
        ['YOUTH', ...STAFF_ROLES],
        youthNamedBy('youthId'),
        YOUTH_MUTATION_ACCESS.writeWorkStory,
      ),
      updateWorkStory: onStory('updateWorkStory', ['YOUTH', ...STAFF_ROLES]),
      // Only the young person decides on sharing: the team is refused before the story is read.
      shareWorkStory: onStory('shareWorkStory', ['YOUTH']),
      sharePracticeLearning: anyRole(...LEARNING_SHARERS),
      planUnitedGathering: anyRole(...UNITED_ORGANISERS),
      recordGatheringOutcomes: anyRole(...UNITED_ORGANISERS),
      recordTeamTraining: anyRole(...UNITED_ORGANISERS),
      // To the network of the caller's own municipality, found from their own record.
      suggestToNetwork: anyRole('YOUTH', 'COMPANY_CONTACT'),
      answerSuggestion: onSuggestion('answerSuggestion'),
      markSuggestionActedOn: onSuggestion('markSuggestionActedOn'),
    },
  },
  subjects: {
    WorkStory: subjectOfRecord,
    Suggestion: (suggestion: { authorYouthId?: string; municipalityCode?: string }) => ({
      youthId: suggestion.authorYouthId,
      municipalityCode: suggestion.municipalityCode,
    }),
    YouthAttendance: subjectOfRecord,
    Youth: (youth: { id?: string; municipalityCode?: string }) => ({
      youthId: youth.id,
      municipalityCode: youth.municipalityCode,
    }),
  },
};
