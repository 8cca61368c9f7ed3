import * as z from 'zod';
import { answeredById, defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { NotFoundError, requireVersion } from '#kernel/errors';
import { newId } from '#kernel/keys';
import { danishToday } from '#kernel/today';
import { EntityIdSchema, ExpectedVersionSchema, textSchema } from '#kernel/validation';
import { writeCompanyGroupTies } from '../repository/company-group-ties-repository.ts';
import {
  loadGroup,
  stageGroupChange,
  stageGroupCreation,
} from '../repository/network-group-repository.ts';
import { writeYouthGroupTies } from '../repository/youth-group-ties-repository.ts';
import { aboutMunicipality, teamMemberCalling } from './command-support.ts';
import { companyPairsJoining } from './company-group-ties.ts';
import {
  defaultCadence,
  MAX_GROUP_MEMBERS,
  NetworkCadenceSchema,
  type NetworkGroup,
  NetworkGroupKindSchema,
  withMembersAdded,
  withMembersRemoved,
} from './network-group.ts';
import { joiningMembers, loadCandidates } from './network-group-members.ts';
import { assertOnTeam } from './staff-rules.ts';
import { youthGroupContact } from './youth-group-ties.ts';

/** Input of `createNetworkGroup`. */
export const CreateNetworkGroupInputSchema = z.object({
  kind: NetworkGroupKindSchema,
  name: textSchema(),
  facilitatorId: EntityIdSchema,
  cadence: NetworkCadenceSchema.nullish(),
});

/** Input of `updateNetworkGroup`. */
export const UpdateNetworkGroupInputSchema = z.object({
  id: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
  name: textSchema().nullish(),
  facilitatorId: EntityIdSchema.nullish(),
  cadence: NetworkCadenceSchema.nullish(),
});

/** Input of `addNetworkGroupMembers` and `removeNetworkGroupMembers`. */
export const NetworkGroupMembersInputSchema = z.object({
  groupId: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
  memberIds: z
    .array(EntityIdSchema)
    .min(1, 'must name at least one member')
    .max(MAX_GROUP_MEMBERS, `must name at most ${MAX_GROUP_MEMBERS} members`)
    .refine((ids) => new Set(ids).size === ids.length, 'must not name a member twice'),
});

/** How a change answering with the record remembers it, and answers a repeat. */
const answeredWithGroup = answeredById('The network group', (context, id) =>
  loadGroup(context.loader, id),
);

/**
 * A group for a change, read strongly consistent at the version the caller read: unknown is
 * `NOT_FOUND`, another version `CONFLICT` naming the current one.
 */
async function groupToChange(
  context: SubgraphContext,
  groupId: string,
  expectedVersion: number,
): Promise<NetworkGroup> {
  const group = await loadGroup(context.loader, groupId);
  if (!group) throw new NotFoundError('No such network group');
  requireVersion('The network group', expectedVersion, group.version);
  return group;
}

/** Creates a group in the caller's own municipality, facilitated by someone on its team. */
export const createNetworkGroupCommand = defineCommand({
  name: 'createNetworkGroup',
  input: CreateNetworkGroupInputSchema,
  async execute(context, input, work) {
    const staff = teamMemberCalling(context);
    await assertOnTeam(context.loader, input.facilitatorId, staff.municipalityCode, [
      'facilitatorId',
    ]);
    const now = context.now();
    return stageGroupCreation(work, {
      id: newId(now.getTime()),
      municipalityCode: staff.municipalityCode,
      kind: input.kind,
      name: input.name,
      facilitatorId: input.facilitatorId,
      cadence: input.cadence ?? defaultCadence(input.kind),
      members: [],
      createdAt: now.toISOString(),
      version: 1,
    });
  },
  ...answeredWithGroup,
  about: aboutMunicipality,
});

/** Renames a group or changes its facilitator or cadence. */
export const updateNetworkGroupCommand = defineCommand({
  name: 'updateNetworkGroup',
  input: UpdateNetworkGroupInputSchema,
  async execute(context, input, work) {
    const group = await groupToChange(context, input.id, input.expectedVersion);
    if (input.facilitatorId) {
      await assertOnTeam(context.loader, input.facilitatorId, group.municipalityCode, [
        'facilitatorId',
      ]);
    }
    return stageGroupChange(work, group, {
      ...(input.name ? { name: input.name } : {}),
      ...(input.facilitatorId ? { facilitatorId: input.facilitatorId } : {}),
      ...(input.cadence ? { cadence: input.cadence } : {}),
    });
  },
  ...answeredWithGroup,
  about: aboutMunicipality,
});

/**
 * Adds young people or company contacts of the group's municipality to the group; the companies
 * of a company group (`COMPANY_GROUP`), or the young people of a youth group (`YOUTH_GROUP`),
 * are tied to each other once the change commits.
 */
export const addNetworkGroupMembersCommand = defineCommand({
  name: 'addNetworkGroupMembers',
  input: NetworkGroupMembersInputSchema,
  async execute(context, input, work) {
    const group = await groupToChange(context, input.groupId, input.expectedVersion);
    const candidates = await loadCandidates(context.loader, group.kind, input.memberIds);
    const today = danishToday(context.now());
    const joining = joiningMembers(group, input.memberIds, candidates, today);
    const stored = stageGroupChange(work, group, {
      members: withMembersAdded(group, joining).members,
    });
    // Up to 24 companies make up to 276 pairs, two items each: more than the membership's one
    // transaction holds, so the ties follow its commit, each chunk idempotent; one that fails
    // is logged, its pairs left for the derivation from the group's members (migration 0012).
    const pairs = companyPairsJoining(stored, joining);
    if (pairs.length > 0) {
      work.afterCommit(() => writeCompanyGroupTies(context.table, stored.id, pairs, today));
    }
    // The young people's ties follow the same way, so a youth group's membership transaction
    // keeps its room for the members' items.
    const peers = youthGroupContact(stored, joining, today);
    if (peers) work.afterCommit(() => writeYouthGroupTies(context.table, peers));
    return stored;
  },
  ...answeredWithGroup,
  about: aboutMunicipality,
});

/** Removes members from a group; their attendance so far stays on record. */
export const removeNetworkGroupMembersCommand = defineCommand({
  name: 'removeNetworkGroupMembers',
  input: NetworkGroupMembersInputSchema,
  async execute(context, input, work) {
    const group = await groupToChange(context, input.groupId, input.expectedVersion);
    const remaining = withMembersRemoved(group, input.memberIds).members;
    return stageGroupChange(work, group, { members: remaining });
  },
  ...answeredWithGroup,
  about: aboutMunicipality,
});
