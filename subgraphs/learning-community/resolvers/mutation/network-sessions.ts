import { parseInput } from '#kernel/validation';
import {
  RecordSessionAttendanceInputSchema,
  recordSessionAttendance,
  ScheduleNetworkSessionInputSchema,
  scheduleNetworkSession,
  UpdateNetworkSessionInputSchema,
  updateNetworkSession,
} from '../../domain/network-session-commands.ts';
import type { MutationResolvers } from '../../generated/resolvers-types.ts';
import { withUserErrors } from '../payload.ts';

/** Mutations of network sessions and their attendance. */
export const networkSessionMutations: Pick<
  MutationResolvers,
  'scheduleNetworkSession' | 'updateNetworkSession' | 'recordSessionAttendance'
> = {
  async scheduleNetworkSession(_parent, args, context) {
    const input = parseInput(ScheduleNetworkSessionInputSchema, args.input);
    const { value, errors } = await withUserErrors(() => scheduleNetworkSession(context, input));
    return { session: value, errors };
  },
  async updateNetworkSession(_parent, args, context) {
    const input = parseInput(UpdateNetworkSessionInputSchema, args.input);
    const { value, errors } = await withUserErrors(() => updateNetworkSession(context, input));
    return { session: value, errors };
  },
  async recordSessionAttendance(_parent, args, context) {
    const input = parseInput(RecordSessionAttendanceInputSchema, args.input);
    const { value, errors } = await withUserErrors(() => recordSessionAttendance(context, input));
    return { session: value, errors };
  },
};
