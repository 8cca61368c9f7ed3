import { DateScalar, DateTimeScalar } from '#kernel/scalars';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { AttendanceRecord } from './attendance-record.ts';
import { Company } from './company.ts';
import { GatheringManager } from './gathering-manager.ts';
import { GatheringParticipant } from './gathering-participant.ts';
import { Municipality } from './municipality.ts';
import { Mutation } from './mutation.ts';
import { NetworkGroup } from './network-group.ts';
import { NetworkGroupMember } from './network-group-member.ts';
import { NetworkSession } from './network-session.ts';
import { PracticeLearning } from './practice-learning.ts';
import { ProgrammeStats } from './programme-stats.ts';
import { Query } from './query.ts';
import { SessionAttendance } from './session-attendance.ts';
import { Suggestion } from './suggestion.ts';
import { TeamTrainer } from './team-trainer.ts';
import { TeamTraining } from './team-training.ts';
import { UnitedGathering } from './united-gathering.ts';
import { WorkStory } from './work-story.ts';
import { Youth } from './youth.ts';
import { YouthAttendance } from './youth-attendance.ts';

/** Every resolver of the learning community subgraph, one file per type. */
export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  AttendanceRecord,
  Company,
  GatheringParticipant,
  GatheringManager,
  Municipality,
  Mutation,
  NetworkGroup,
  NetworkGroupMember,
  NetworkSession,
  PracticeLearning,
  ProgrammeStats,
  Query,
  SessionAttendance,
  TeamTrainer,
  TeamTraining,
  UnitedGathering,
  WorkStory,
  Suggestion,
  Youth,
  YouthAttendance,
};
