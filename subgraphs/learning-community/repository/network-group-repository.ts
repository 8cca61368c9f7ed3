import type { Connection } from '#kernel/connection';
import type { CursorCodec } from '#kernel/cursor';
import type { ItemLoader } from '#kernel/entity-loader';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { Table, TransactAction } from '#kernel/table/table';
import {
  companiesOf,
  memberKindOf,
  type NetworkGroup,
  type NetworkGroupKind,
} from '../domain/network-group.ts';
import {
  companyParticipationToItem,
  groupFromItem,
  groupKey,
  groupsOfMunicipalityQuery,
  groupsOfParticipantQuery,
  groupToItem,
  membershipToItem,
  type ParticipantKind,
  participationKey,
} from './network-group-entity.ts';
import { groupCountAction } from './network-stats-entity.ts';
import { type PageRequest, queryConnection } from './paging.ts';

/** Groups by id through the request's batching loader; undefined where none exists. */
export async function loadGroups(
  loader: ItemLoader,
  groupIds: readonly string[],
): Promise<Array<NetworkGroup | undefined>> {
  const items = await loader.loadMany(groupIds.map(groupKey));
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return item ? groupFromItem(item) : undefined;
  });
}

/** One group, read strongly consistent (before a versioned write). */
export async function getGroup(table: Table, groupId: string): Promise<NetworkGroup | undefined> {
  const item = await table.get(groupKey(groupId));
  return item ? groupFromItem(item) : undefined;
}

/** One page of a municipality's groups, optionally of one kind. */
export function listGroupsOfMunicipality(
  table: Table,
  cursors: CursorCodec,
  municipalityCode: string,
  kind: NetworkGroupKind | undefined,
  page: PageRequest,
): Promise<Connection<NetworkGroup>> {
  return queryConnection(
    table,
    cursors,
    groupsOfMunicipalityQuery(municipalityCode, kind),
    page,
    groupFromItem,
  );
}

/**
 * Every group of one kind in a municipality (one query; a municipality runs a handful of
 * groups, so the whole partition is small by design).
 */
export async function listAllGroupsOfMunicipality(
  table: Table,
  municipalityCode: string,
  kind: NetworkGroupKind,
): Promise<NetworkGroup[]> {
  const items = await table.queryAll(groupsOfMunicipalityQuery(municipalityCode, kind));
  return items.map(groupFromItem);
}

/** Ids of the groups a participant takes part in (one query of their item collection). */
export async function listGroupIdsOfParticipant(
  table: Table,
  kind: ParticipantKind,
  participantId: string,
): Promise<string[]> {
  const items = await table.queryAll(groupsOfParticipantQuery(kind, participantId));
  return items.map((item) => String(item.groupId));
}

/** The items a new group writes: the group with its memberships, and its count. */
function creationActions(group: NetworkGroup): TransactAction[] {
  const kind = memberKindOf(group.kind);
  return [
    { put: groupToItem(group), condition: itemMustNotExist },
    ...group.members.map((member) => ({ put: membershipToItem(group, kind, member) })),
    ...[...companiesOf(group)].map((companyId) => ({
      put: companyParticipationToItem(group, companyId),
    })),
    groupCountAction(group.municipalityCode, group.kind, 1),
  ];
}

/** Stores a new group and counts it in the municipality's figures, in one transaction. */
export async function createGroup(table: Table, group: NetworkGroup): Promise<void> {
  await table.transact(creationActions(group));
}

/**
 * Stores a changed group if nobody changed it since it was read (else `CONFLICT`), together
 * with the membership items of members who joined or left and the participation items of
 * companies that joined or left through their contacts.
 *
 * @param table - the table
 * @param before - the group as read
 * @param after - the group as it should be; its version is `before.version + 1`
 */
export async function saveGroupChange(
  table: Table,
  before: NetworkGroup,
  after: NetworkGroup,
): Promise<void> {
  const kind = memberKindOf(after.kind);
  const had = new Set(before.members.map((member) => member.memberId));
  const has = new Set(after.members.map((member) => member.memberId));
  const companiesBefore = companiesOf(before);
  const companiesAfter = companiesOf(after);
  const actions: TransactAction[] = [
    { put: groupToItem(after), condition: versionIs(before.version) },
    ...after.members
      .filter((member) => !had.has(member.memberId))
      .map((member) => ({ put: membershipToItem(after, kind, member) })),
    ...before.members
      .filter((member) => !has.has(member.memberId))
      .map((member) => ({ delete: participationKey(kind, member.memberId, after.id) })),
    ...[...companiesAfter]
      .filter((companyId) => !companiesBefore.has(companyId))
      .map((companyId) => ({ put: companyParticipationToItem(after, companyId) })),
    ...[...companiesBefore]
      .filter((companyId) => !companiesAfter.has(companyId))
      .map((companyId) => ({ delete: participationKey('COMPANY', companyId, after.id) })),
  ];
  await table.transact(actions);
}

/** Every item a group writes on creation (seeding writes them in bulk). */
export function groupSeedItems(group: NetworkGroup) {
  return creationActions(group).flatMap((action) => ('put' in action ? [action.put] : []));
}
