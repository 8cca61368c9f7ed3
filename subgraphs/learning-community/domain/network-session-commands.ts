import * as z from 'zod';
import { answeredById, defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { DomainRuleError, NotFoundError, requireVersion } from '#kernel/errors';
import { newId } from '#kernel/keys';
import {
  EntityIdSchema,
  ExpectedVersionSchema,
  IsoDateSchema,
  textSchema,
} from '#kernel/validation';
import { loadGroup } from '../repository/network-group-repository.ts';
import { NetworkSessionEntity } from '../repository/network-session-entity.ts';
import { loadSession, stageAttendance } from '../repository/network-session-repository.ts';
import { loadSharedCompanies } from '../repository/shared-items-repository.ts';
import { aboutMunicipality } from './command-support.ts';
import { MAX_GROUP_MEMBERS, type NetworkGroup } from './network-group.ts';
import {
  AttendanceEntrySchema,
  type NetworkSession,
  requireSessionDate,
  sessionChanges,
  withAttendance,
} from './network-session.ts';
import { assertOnTeam } from './staff-rules.ts';

/** Input of `scheduleNetworkSession`. */
export const ScheduleNetworkSessionInputSchema = z.object({
  groupId: EntityIdSchema,
  date: IsoDateSchema,
  theme: textSchema(),
  facilitatorId: EntityIdSchema.nullish(),
  notes: textSchema().nullish(),
  hostCompanyId: EntityIdSchema.nullish(),
});

/** Input of `updateNetworkSession`. */
export const UpdateNetworkSessionInputSchema = z.object({
  id: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
  date: IsoDateSchema.nullish(),
  theme: textSchema().nullish(),
  facilitatorId: EntityIdSchema.nullish(),
  notes: textSchema().nullish(),
});

/** Input of `recordSessionAttendance`. */
export const RecordSessionAttendanceInputSchema = z.object({
  sessionId: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
  attendance: z
    .array(AttendanceEntrySchema)
    .max(MAX_GROUP_MEMBERS, `must list at most ${MAX_GROUP_MEMBERS} members`),
});

/** How a change answering with the record remembers it, and answers a repeat. */
const answeredWithSession = answeredById('The network session', (context, id) =>
  loadSession(context.loader, id),
);

/** A group, read strongly consistent; unknown is `NOT_FOUND`. */
async function existingGroup(context: SubgraphContext, groupId: string): Promise<NetworkGroup> {
  const group = await loadGroup(context.loader, groupId);
  if (!group) throw new NotFoundError('No such network group');
  return group;
}

/**
 * A session for a change, read strongly consistent at the version the caller read: unknown is
 * `NOT_FOUND`, another version `CONFLICT` naming the current one.
 */
async function sessionToChange(
  context: SubgraphContext,
  sessionId: string,
  expectedVersion: number,
): Promise<NetworkSession> {
  const session = await loadSession(context.loader, sessionId);
  if (!session) throw new NotFoundError('No such network session');
  requireVersion('The network session', expectedVersion, session.version);
  return session;
}

/**
 * Checks that a session's host is a company of the group's municipality and that the group is
 * a youth group:
 * a company hosting its young people is what ties them (`GROUP_SESSION`); a company group meets
 * among companies, which its membership ties already.
 */
async function assertHostCompany(
  context: SubgraphContext,
  group: NetworkGroup,
  companyId: string,
): Promise<void> {
  if (group.kind !== 'YOUTH') {
    throw new DomainRuleError(
      'HOST_ONLY_FOR_YOUTH_GROUPS',
      "Only a youth group's session is hosted by a company",
      ['hostCompanyId'],
    );
  }
  const [company] = await loadSharedCompanies(context.loader, [companyId]);
  // Another municipality's company is answered as one that does not exist: hosting would tie
  // this municipality's young people to it, and its team would then see them in its ties.
  if (!company || company.municipalityCode !== group.municipalityCode) {
    throw new DomainRuleError('COMPANY_NOT_FOUND', 'No such company', ['hostCompanyId']);
  }
}

/**
 * Plans a session of a group. The facilitator is the group's unless another member of the
 * municipality's team is named; a youth group's session may be hosted by a company, which ties
 * the young people present to it when attendance is recorded.
 */
export const scheduleNetworkSessionCommand = defineCommand({
  name: 'scheduleNetworkSession',
  input: ScheduleNetworkSessionInputSchema,
  async execute(context, input, work) {
    const group = await existingGroup(context, input.groupId);
    requireSessionDate(input.date, group, context.now());
    if (input.facilitatorId) {
      await assertOnTeam(context.loader, input.facilitatorId, group.municipalityCode, [
        'facilitatorId',
      ]);
    }
    if (input.hostCompanyId) await assertHostCompany(context, group, input.hostCompanyId);
    return work.create(NetworkSessionEntity, {
      id: newId(context.now().getTime()),
      groupId: group.id,
      groupKind: group.kind,
      municipalityCode: group.municipalityCode,
      date: input.date,
      theme: input.theme,
      facilitatorId: input.facilitatorId ?? group.facilitatorId,
      ...(input.notes ? { notes: input.notes } : {}),
      ...(input.hostCompanyId ? { hostCompanyId: input.hostCompanyId } : {}),
      attendance: [],
      version: 1,
    });
  },
  ...answeredWithSession,
  about: aboutMunicipality,
});

/** Changes a session's day (before attendance is recorded), theme, facilitator or notes. */
export const updateNetworkSessionCommand = defineCommand({
  name: 'updateNetworkSession',
  input: UpdateNetworkSessionInputSchema,
  async execute(context, input, work) {
    const session = await sessionToChange(context, input.id, input.expectedVersion);
    if (input.date) {
      requireSessionDate(input.date, await existingGroup(context, session.groupId), context.now());
    }
    if (input.facilitatorId) {
      await assertOnTeam(context.loader, input.facilitatorId, session.municipalityCode, [
        'facilitatorId',
      ]);
    }
    return work.change<NetworkSession>(
      NetworkSessionEntity,
      session,
      sessionChanges(session, input),
    );
  },
  ...answeredWithSession,
  about: aboutMunicipality,
});

/**
 * Records a session's whole attendance list at once, replacing the list of the version the
 * caller read: only for a session that has taken place, only for members of the group. The
 * session, each member's own record and totals, and the month counter change together.
 */
export const recordSessionAttendanceCommand = defineCommand({
  name: 'recordSessionAttendance',
  input: RecordSessionAttendanceInputSchema,
  async execute(context, input, work) {
    const session = await sessionToChange(context, input.sessionId, input.expectedVersion);
    const group = await existingGroup(context, session.groupId);
    const after = withAttendance(session, group, input.attendance, context.now());
    return stageAttendance(work, group, session, after);
  },
  ...answeredWithSession,
  about: aboutMunicipality,
});
