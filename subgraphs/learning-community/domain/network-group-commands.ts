import * as z from 'zod';
import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { ConflictError, DomainRuleError, NotFoundError } from '#kernel/errors';
import { newId } from '#kernel/keys';
import { danishToday } from '#kernel/today';
import { EntityIdSchema, textSchema } from '#kernel/validation';
import { createGroup, getGroup, saveGroupChange } from '../repository/network-group-repository.ts';
import { loadSharedContacts, loadSharedYouth } from '../repository/shared-items-repository.ts';
import { requireAnyStaff, requireGroupStaff } from './access.ts';
import {
  defaultCadence,
  type GroupMember,
  MAX_GROUP_MEMBERS,
  NetworkCadenceSchema,
  type NetworkGroup,
  NetworkGroupKindSchema,
  withMembersAdded,
  withMembersRemoved,
} from './network-group.ts';
import { assertOnTeam } from './staff-rules.ts';

/** Input of `createNetworkGroup`. */
export const CreateNetworkGroupInputSchema = z.object({
  kind: NetworkGroupKindSchema,
  name: textSchema(100),
  facilitatorId: EntityIdSchema,
  cadence: NetworkCadenceSchema.nullish(),
});

/** Input of `updateNetworkGroup`. */
export const UpdateNetworkGroupInputSchema = z.object({
  id: EntityIdSchema,
  version: z.number().int().min(1),
  name: textSchema(100).nullish(),
  facilitatorId: EntityIdSchema.nullish(),
  cadence: NetworkCadenceSchema.nullish(),
});

/** Input of `addNetworkGroupMembers` and `removeNetworkGroupMembers`. */
export const NetworkGroupMembersInputSchema = z.object({
  groupId: EntityIdSchema,
  memberIds: z
    .array(EntityIdSchema)
    .min(1, 'must name at least one member')
    .max(MAX_GROUP_MEMBERS, `must name at most ${MAX_GROUP_MEMBERS} members`)
    .refine((ids) => new Set(ids).size === ids.length, 'must not name a member twice'),
});

/**
 * Creates a group in the caller's own municipality, facilitated by someone on its team.
 *
 * @param context - the request
 * @param input - the parsed input
 */
export async function createNetworkGroup(
  context: SubgraphContext,
  input: z.infer<typeof CreateNetworkGroupInputSchema>,
): Promise<NetworkGroup> {
  const staff = requireAnyStaff(requireIdentity(context));
  await assertOnTeam(context.loader, input.facilitatorId, staff.municipalityCode, [
    'facilitatorId',
  ]);
  const now = context.now();
  const group: NetworkGroup = {
    id: newId(now.getTime()),
    municipalityCode: staff.municipalityCode,
    kind: input.kind,
    name: input.name,
    facilitatorId: input.facilitatorId,
    cadence: input.cadence ?? defaultCadence(input.kind),
    members: [],
    createdAt: now.toISOString(),
    version: 1,
  };
  await createGroup(context.table, group);
  context.logger.info('Network group created', { groupId: group.id, kind: group.kind });
  return group;
}

/**
 * A group for a change by its municipality's team, at the version the caller read: unknown is
 * `NOT_FOUND`, another municipality's is `FORBIDDEN`, a newer version is `CONFLICT`.
 */
async function groupForChange(
  context: SubgraphContext,
  groupId: string,
  version?: number,
): Promise<NetworkGroup> {
  const identity = requireIdentity(context);
  const group = await getGroup(context.table, groupId);
  if (!group) throw new NotFoundError('No such network group');
  requireGroupStaff(identity, group);
  if (version !== undefined && version !== group.version) throw new ConflictError();
  return group;
}

/** Renames a group or changes its facilitator or cadence. */
export async function updateNetworkGroup(
  context: SubgraphContext,
  input: z.infer<typeof UpdateNetworkGroupInputSchema>,
): Promise<NetworkGroup> {
  const group = await groupForChange(context, input.id, input.version);
  if (input.facilitatorId) {
    await assertOnTeam(context.loader, input.facilitatorId, group.municipalityCode, [
      'facilitatorId',
    ]);
  }
  const after: NetworkGroup = {
    ...group,
    ...(input.name ? { name: input.name } : {}),
    ...(input.facilitatorId ? { facilitatorId: input.facilitatorId } : {}),
    ...(input.cadence ? { cadence: input.cadence } : {}),
    version: group.version + 1,
  };
  await saveGroupChange(context.table, group, after);
  return after;
}

/**
 * The new members as they will be stored, after checking that each exists and belongs to the
 * group's municipality (a contact person through their company).
 */
async function joiningMembers(
  context: SubgraphContext,
  group: NetworkGroup,
  memberIds: readonly string[],
): Promise<GroupMember[]> {
  const joinedOn = danishToday(context.now());
  const found =
    group.kind === 'YOUTH'
      ? (await loadSharedYouth(context.loader, memberIds)).map((youth) =>
          youth ? { municipalityCode: youth.municipalityCode } : undefined,
        )
      : await loadSharedContacts(context.loader, memberIds);
  return memberIds.map((memberId, index) => {
    const member = found[index];
    const path = ['memberIds', String(index)];
    if (!member) {
      const what = group.kind === 'YOUTH' ? 'young person' : 'company contact person';
      throw new DomainRuleError('MEMBER_NOT_FOUND', `There is no ${what} ${memberId}`, path);
    }
    if (member.municipalityCode !== group.municipalityCode) {
      throw new DomainRuleError(
        'MEMBER_OF_ANOTHER_MUNICIPALITY',
        `${memberId} belongs to another municipality than the group`,
        path,
      );
    }
    return 'companyId' in member && typeof member.companyId === 'string'
      ? { memberId, joinedOn, companyId: member.companyId }
      : { memberId, joinedOn };
  });
}

/** Adds young people or company contacts of the group's municipality to the group. */
export async function addNetworkGroupMembers(
  context: SubgraphContext,
  input: z.infer<typeof NetworkGroupMembersInputSchema>,
): Promise<NetworkGroup> {
  const group = await groupForChange(context, input.groupId);
  const joining = await joiningMembers(context, group, input.memberIds);
  const after = { ...withMembersAdded(group, joining), version: group.version + 1 };
  await saveGroupChange(context.table, group, after);
  return after;
}

/** Removes members from a group; their attendance so far stays on record. */
export async function removeNetworkGroupMembers(
  context: SubgraphContext,
  input: z.infer<typeof NetworkGroupMembersInputSchema>,
): Promise<NetworkGroup> {
  const group = await groupForChange(context, input.groupId);
  const after = { ...withMembersRemoved(group, input.memberIds), version: group.version + 1 };
  await saveGroupChange(context.table, group, after);
  return after;
}
