import { sessionOfRecord } from '../domain/network-session-queries.ts';
import type { AttendanceRecordResolvers } from '../generated/resolvers-types.ts';

/** `AttendanceRecord`: one of a young person's own records, with its session. */
export const AttendanceRecord: AttendanceRecordResolvers = {
  session: (record, _args, context) => sessionOfRecord(context, record),
};
