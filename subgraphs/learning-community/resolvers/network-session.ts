import {
  attendanceOfSession,
  groupOfSession,
  notesOfSession,
} from '../domain/network-session-queries.ts';
import type { NetworkSessionResolvers } from '../generated/resolvers-types.ts';

/** `NetworkSession`: notes and attendance for the municipality's team only. */
export const NetworkSession: NetworkSessionResolvers = {
  group: (session, _args, context) => groupOfSession(context, session),
  facilitator: (session) => ({ id: session.facilitatorId }),
  notes: (session, _args, context) => notesOfSession(context, session),
  attendanceRecorded: (session) => session.attendanceRecordedAt !== undefined,
  attendance: (session, _args, context) => attendanceOfSession(context, session),
};
