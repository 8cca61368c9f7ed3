import { attendanceRate } from '../domain/network-stats.ts';
import { parsePage } from '../domain/page.ts';
import { attendanceRecordsOfYouth } from '../domain/participant-queries.ts';
import type { YouthAttendanceResolvers } from '../generated/resolvers-types.ts';

/** `YouthAttendance`: totals, their rate, and the young person's own records. */
export const YouthAttendance: YouthAttendanceResolvers = {
  rate: (attendance) => attendanceRate(attendance),
  records: (attendance, args, context) =>
    attendanceRecordsOfYouth(
      context,
      { id: attendance.youthId, municipalityCode: attendance.municipalityCode },
      parsePage(args),
    ),
};
