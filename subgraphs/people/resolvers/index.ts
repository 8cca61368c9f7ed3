import { DateScalar, DateTimeScalar } from '#kernel/scalars';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { Municipality } from './municipality.ts';
import { Mutation } from './mutation.ts';
import { ProgrammeStats } from './programme-stats.ts';
import { PsychologistContact } from './psychologist-contact.ts';
import { Query } from './query.ts';
import { SelfAssessment } from './self-assessment.ts';
import { StaffMember } from './staff-member.ts';
import { SupportNote } from './support-note.ts';
import { Viewer } from './viewer.ts';
import { Youth } from './youth.ts';
import { YouthConnection } from './youth-connection.ts';

/** Every resolver of the people subgraph, one file per type. */
export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Municipality,
  Mutation,
  ProgrammeStats,
  PsychologistContact,
  Query,
  SelfAssessment,
  StaffMember,
  SupportNote,
  Viewer,
  Youth,
  YouthConnection,
};
