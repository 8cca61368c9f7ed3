import {
  allGuardedByParent,
  anyRole,
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
} from '#kernel/common-rules';
import {
  type AnyFieldRule,
  type FieldRule,
  fieldRule,
  personal,
  REFERENCE,
  type SubgraphRules,
} from '#kernel/field-rules';
import { STAFF_ROLES } from '#kernel/identity';
import { canSeeGroup } from './domain/access.ts';
import type { NetworkGroup } from './domain/network-group.ts';

/** A group's fields: whoever may see the group (`canSeeGroup`). */
const groupVisible: FieldRule<NetworkGroup> = fieldRule('canSeeGroup', canSeeGroup);

/** NEXTWORK United (learnings, gatherings, trainings): every team and the programme office. */
const unitedReaders = anyRole(...STAFF_ROLES, 'PROGRAMME');

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

const sessionPaths = checkedInResolver(
  "every path to a session checks its group; notes and attendance for the group's team",
);
const storyPaths = checkedInResolver(
  'every path to a story checks the reader: the young person, their team, the group it is shared with',
);
const youthOrTeam = checkedInResolver('the young person or their team');

/**
 * The authorisation rule of every type and field of the learning community subgraph (DESIGN
 * §5), enforced by the kernel on every path. The resolvers keep their own checks (they filter
 * listings and refuse records); this map makes every field's rule explicit.
 */
export const learningCommunityRules: SubgraphRules = {
  types: {
    ...SHARED_TYPE_RULES,
    Municipality: {
      code: signedIn,
      networkStats: programmeCountsOnly((municipality: { code: string }) => municipality.code),
      networkGroups: staffOfMunicipality((municipality: { code: string }) => municipality.code),
      // A reference carries nothing but the code; the fields decide.
      [REFERENCE]: signedIn,
    },
    Youth: {
      id: signedIn,
      networkGroups: youthOrTeam,
      attendance: youthOrTeam,
      workStories: storyPaths,
      [REFERENCE]: youthOrTeam,
    },
    Company: {
      id: signedIn,
      networkGroups: checkedInResolver("the company's own contacts or its team"),
      [REFERENCE]: checkedInResolver("the company's own contacts or its team"),
    },
    // Entities other subgraphs resolve under their own rules; here only the id is passed on.
    CompanyContact: { id: signedIn, [REFERENCE]: signedIn },
    StaffMember: { id: signedIn, [REFERENCE]: signedIn },
    Placement: { id: signedIn, [REFERENCE]: signedIn },
    NetworkGroup: {
      ...fieldsUnder(groupVisible, [
        'id',
        'kind',
        'municipality',
        'name',
        'facilitator',
        'cadence',
        'memberCount',
        'sessions',
        'sharedStories',
        'version',
      ]),
      members: staffOfMunicipality((group: NetworkGroup) => group.municipalityCode),
      [REFERENCE]: groupVisible,
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
    NetworkSession: fieldsUnder(sessionPaths, [
      'id',
      'group',
      'date',
      'theme',
      'facilitator',
      'notes',
      'attendanceRecorded',
      'attendance',
      'version',
    ]),
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
    WorkStory: fieldsUnder(
      storyPaths,
      [
        'id',
        'youth',
        'placement',
        'whatIDid',
        'whatIWasGoodAt',
        'whatIWantNext',
        'authorship',
        'writtenWith',
        'sharedWithGroup',
        'createdAt',
        'updatedAt',
        'version',
      ],
      ['whatIDid', 'whatIWasGoodAt', 'whatIWantNext'],
    ),
    WorkStoryConnection: connectionRules('Youth.workStories, NetworkGroup.sharedStories'),
    WorkStoryEdge: edgeRules('Youth.workStories, NetworkGroup.sharedStories'),
    PracticeLearning: {
      ...fieldsUnder(unitedReaders, ['id', 'title', 'body', 'tags', 'municipality', 'sharedAt']),
      sharedBy: checkedInResolver("the sharer's own team (null otherwise)", [
        ...STAFF_ROLES,
        'PROGRAMME',
      ]),
    },
    PracticeLearningConnection: connectionRules('Query.practiceLearnings'),
    PracticeLearningEdge: edgeRules('Query.practiceLearnings'),
    GatheringParticipant: {
      ...fieldsUnder(unitedReaders, ['kind', 'municipality', 'role']),
      staff: checkedInResolver("the participant's own team (null otherwise)", [
        ...STAFF_ROLES,
        'PROGRAMME',
      ]),
    },
    UnitedGathering: fieldsUnder(unitedReaders, [
      'id',
      'startDate',
      'endDate',
      'hostMunicipality',
      'participants',
      'agenda',
      'outcomes',
      'version',
    ]),
    UnitedGatheringConnection: connectionRules('Query.unitedGatherings'),
    UnitedGatheringEdge: edgeRules('Query.unitedGatherings'),
    TeamTrainer: {
      municipality: unitedReaders,
      staff: checkedInResolver("the trainer's own team (null otherwise)", [
        ...STAFF_ROLES,
        'PROGRAMME',
      ]),
    },
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
    Query: {
      networkGroup: checkedInResolver('whoever may see the group'),
      networkSession: checkedInResolver("whoever may see the session's group"),
      workStory: storyPaths,
      practiceLearnings: checkedInResolver('every team and the programme office'),
      practiceLearning: checkedInResolver('every team and the programme office'),
      unitedGatherings: checkedInResolver('every team and the programme office'),
      unitedGathering: checkedInResolver('every team and the programme office'),
      teamTrainings: checkedInResolver('every team and the programme office'),
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
      createNetworkGroup: checkedInResolver("the municipality's team"),
      updateNetworkGroup: checkedInResolver("the group's team"),
      addNetworkGroupMembers: checkedInResolver("the group's team"),
      removeNetworkGroupMembers: checkedInResolver("the group's team"),
      scheduleNetworkSession: checkedInResolver("the group's team"),
      updateNetworkSession: checkedInResolver("the group's team"),
      recordSessionAttendance: checkedInResolver("the group's team"),
      writeWorkStory: checkedInResolver('the young person or their team'),
      updateWorkStory: checkedInResolver('the young person or their team'),
      shareWorkStory: checkedInResolver('the young person'),
      sharePracticeLearning: checkedInResolver('a member of a municipal team'),
      planUnitedGathering: checkedInResolver('the programme office or a team leader'),
      recordGatheringOutcomes: checkedInResolver('the programme office or a team leader'),
      recordTeamTraining: checkedInResolver('the programme office or a team leader'),
    },
  },
  subjects: {
    WorkStory: subjectOfRecord,
    YouthAttendance: subjectOfRecord,
    Youth: (youth: { id?: string; municipalityCode?: string }) => ({
      youthId: youth.id,
      municipalityCode: youth.municipalityCode,
    }),
  },
};
