import { attendanceRate } from '../domain/network-stats.ts';
import { attendanceRecordsOfYouth } from '../domain/participant-queries.ts';
import type { YouthAttendanceResolvers } from '../generated/resolvers-types.ts';
import { parsePage } from './arguments.ts';

/** `YouthAttendance`: totals, their rate, and the young person's own records. */
export const YouthAttendance: YouthAttendanceResolvers = {
  rate: (attendance) => attendanceRate(attendance),
  records: (attendance, args, context) =>
    attendanceRecordsOfYouth(context, attendance.youthId, parsePage(args)),
};
