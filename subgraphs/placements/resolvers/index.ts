import { DateScalar, DateTimeScalar } from '#kernel/scalars';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { Company } from './company.ts';
import { Introduction } from './introduction.ts';
import { Invitation } from './invitation.ts';
import { LifecycleTask, PlacementFollowUp, PlacementLifecycle } from './lifecycle-task.ts';
import { MatchingEvent, MatchingEventParticipation } from './matching-event.ts';
import { Municipality } from './municipality.ts';
import { Mutation } from './mutation.ts';
import { ParticipantTask, PlacementFeedback } from './participant-task.ts';
import { Placement, PlacementCheckpoint } from './placement.ts';
import { PlacementOrigin } from './placement-origin.ts';
import { ProgrammeStats } from './programme-stats.ts';
import { Query } from './query.ts';
import { CompanyCompanyTie, CompanyTie, YouthTie } from './tie.ts';
import { TieStats } from './tie-stats.ts';
import { Wish, WishAnswer } from './wish.ts';
import { Youth } from './youth.ts';

/** Every resolver of the placements subgraph, one file per type. */
export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Company,
  CompanyCompanyTie,
  CompanyTie,
  Introduction,
  Invitation,
  LifecycleTask,
  MatchingEvent,
  MatchingEventParticipation,
  Municipality,
  Mutation,
  ParticipantTask,
  Placement,
  PlacementFeedback,
  PlacementCheckpoint,
  PlacementFollowUp,
  PlacementLifecycle,
  PlacementOrigin,
  ProgrammeStats,
  Query,
  TieStats,
  Wish,
  WishAnswer,
  Youth,
  YouthTie,
};
