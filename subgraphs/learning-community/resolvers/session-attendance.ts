import type { SessionAttendanceResolvers } from '../generated/resolvers-types.ts';

/** `SessionAttendance`: the member as a young person or a contact person, by the group's kind. */
export const SessionAttendance: SessionAttendanceResolvers = {
  youth: (entry) =>
    entry.groupKind === 'YOUTH'
      ? { id: entry.memberId, municipalityCode: entry.municipalityCode }
      : null,
  contact: (entry) => (entry.groupKind === 'COMPANY' ? { id: entry.memberId } : null),
};
