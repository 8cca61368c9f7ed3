import { attendanceOfSession, groupOfSession } from '../domain/network-session-queries.ts';
import type { NetworkSessionResolvers } from '../generated/resolvers-types.ts';

/** `NetworkSession`: its notes and attendance are for the team only (their fields' rules). */
export const NetworkSession: NetworkSessionResolvers = {
  group: (session, _args, context) => groupOfSession(context, session),
  facilitator: (session) => ({ id: session.facilitatorId }),
  notes: (session) => session.notes ?? null,
  attendanceRecorded: (session) => session.attendanceRecordedAt !== undefined,
  attendance: (session) => attendanceOfSession(session),
  hostCompany: (session) => (session.hostCompanyId ? { id: session.hostCompanyId } : null),
};
