import * as z from 'zod';
import { requireIdentity, requireStaffOf } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { ConflictError, NotFoundError } from '#kernel/errors';
import { newId } from '#kernel/keys';
import { EntityIdSchema, IsoDateSchema, textSchema } from '#kernel/validation';
import { getGroup } from '../repository/network-group-repository.ts';
import {
  createSession,
  getSession,
  saveAttendance,
  saveSession,
} from '../repository/network-session-repository.ts';
import { requireGroupStaff } from './access.ts';
import { MAX_GROUP_MEMBERS } from './network-group.ts';
import {
  AttendanceEntrySchema,
  type NetworkSession,
  withAttendance,
  withSessionChanges,
} from './network-session.ts';
import { assertOnTeam } from './staff-rules.ts';

/** Input of `scheduleNetworkSession`. */
export const ScheduleNetworkSessionInputSchema = z.object({
  groupId: EntityIdSchema,
  date: IsoDateSchema,
  theme: textSchema(200),
  facilitatorId: EntityIdSchema.nullish(),
  notes: textSchema(4000).nullish(),
});

/** Input of `updateNetworkSession`. */
export const UpdateNetworkSessionInputSchema = z.object({
  id: EntityIdSchema,
  version: z.number().int().min(1),
  date: IsoDateSchema.nullish(),
  theme: textSchema(200).nullish(),
  facilitatorId: EntityIdSchema.nullish(),
  notes: textSchema(4000).nullish(),
});

/** Input of `recordSessionAttendance`. */
export const RecordSessionAttendanceInputSchema = z.object({
  sessionId: EntityIdSchema,
  attendance: z
    .array(AttendanceEntrySchema)
    .max(MAX_GROUP_MEMBERS, `must list at most ${MAX_GROUP_MEMBERS} members`),
});

/**
 * Plans a session of a group, by the group's municipal team; a group of another municipality is
 * `FORBIDDEN`. The facilitator is the group's unless another team member is named.
 */
export async function scheduleNetworkSession(
  context: SubgraphContext,
  input: z.infer<typeof ScheduleNetworkSessionInputSchema>,
): Promise<NetworkSession> {
  const identity = requireIdentity(context);
  const group = await getGroup(context.table, input.groupId);
  if (!group) throw new NotFoundError('No such network group');
  requireGroupStaff(identity, group);
  if (input.facilitatorId) {
    await assertOnTeam(context.loader, input.facilitatorId, group.municipalityCode, [
      'facilitatorId',
    ]);
  }
  const session: NetworkSession = {
    id: newId(context.now().getTime()),
    groupId: group.id,
    groupKind: group.kind,
    municipalityCode: group.municipalityCode,
    date: input.date,
    theme: input.theme,
    facilitatorId: input.facilitatorId ?? group.facilitatorId,
    ...(input.notes ? { notes: input.notes } : {}),
    attendance: [],
    version: 1,
  };
  await createSession(context.table, session);
  return session;
}

/** A session for a change by its municipality's team, at the version the caller read. */
async function sessionForChange(
  context: SubgraphContext,
  sessionId: string,
  version?: number,
): Promise<NetworkSession> {
  const identity = requireIdentity(context);
  const session = await getSession(context.table, sessionId);
  if (!session) throw new NotFoundError('No such network session');
  requireStaffOf(identity, session.municipalityCode);
  if (version !== undefined && version !== session.version) throw new ConflictError();
  return session;
}

/** Changes a session's day (before attendance is recorded), theme, facilitator or notes. */
export async function updateNetworkSession(
  context: SubgraphContext,
  input: z.infer<typeof UpdateNetworkSessionInputSchema>,
): Promise<NetworkSession> {
  const session = await sessionForChange(context, input.id, input.version);
  if (input.facilitatorId) {
    await assertOnTeam(context.loader, input.facilitatorId, session.municipalityCode, [
      'facilitatorId',
    ]);
  }
  const after = {
    ...withSessionChanges(session, {
      ...(input.date ? { date: input.date } : {}),
      ...(input.theme ? { theme: input.theme } : {}),
      ...(input.facilitatorId ? { facilitatorId: input.facilitatorId } : {}),
      ...(input.notes ? { notes: input.notes } : {}),
    }),
    version: session.version + 1,
  };
  await saveSession(context.table, session, after);
  return after;
}

/**
 * Records a session's whole attendance list at once, replacing any earlier list: only for a
 * session that has taken place, only for members of the group. The session, each member's own
 * record and totals, and the month counter change in one transaction.
 */
export async function recordSessionAttendance(
  context: SubgraphContext,
  input: z.infer<typeof RecordSessionAttendanceInputSchema>,
): Promise<NetworkSession> {
  const session = await sessionForChange(context, input.sessionId);
  const group = await getGroup(context.table, session.groupId);
  if (!group) throw new NotFoundError('No such network group');
  const after = {
    ...withAttendance(session, group, input.attendance, context.now()),
    version: session.version + 1,
  };
  await saveAttendance(context.table, group, session, after);
  context.logger.info('Session attendance recorded', {
    sessionId: session.id,
    entries: after.attendance.length,
  });
  return after;
}
