import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import type { ListingReader, PageRequest } from '#kernel/listing';
import type { Item, Table } from '#kernel/table/table';
import type { UnitOfWork } from '#kernel/unit-of-work';
import {
  companiesOf,
  type GroupMember,
  memberKindOf,
  type NetworkGroup,
  type NetworkGroupKind,
} from '../domain/network-group.ts';
import {
  CompanyParticipationEntity,
  groupKey,
  groupsOfMunicipalityQuery,
  MembershipEntities,
  membershipsQuery,
  NetworkGroupEntity,
  participationKey,
} from './network-group-entity.ts';
import { countGroup } from './network-stats-entity.ts';

/** Groups by id through the request's batching loader; undefined where none exists. */
export function loadGroups(
  loader: ItemLoader,
  groupIds: readonly string[],
): Promise<Array<NetworkGroup | undefined>> {
  return NetworkGroupEntity.load(loader, groupIds.map(groupKey));
}

/** One group through the request's batching loader. */
export function loadGroup(loader: ItemLoader, groupId: string): Promise<NetworkGroup | undefined> {
  return NetworkGroupEntity.loadOne(loader, groupKey(groupId));
}

/** One page of a municipality's groups, optionally of one kind. */
export function listGroupsOfMunicipality(
  reader: ListingReader,
  municipalityCode: string,
  kind: NetworkGroupKind | undefined,
  page: PageRequest,
): Promise<Connection<NetworkGroup>> {
  return NetworkGroupEntity.page(
    reader,
    { query: groupsOfMunicipalityQuery(municipalityCode, kind) },
    page,
  );
}

/**
 * Every group of one kind in a municipality (one query; a municipality runs a handful of
 * groups, so the whole partition is small by design).
 */
export function readAllGroupsOfMunicipality(
  table: Table,
  municipalityCode: string,
  kind: NetworkGroupKind,
): Promise<NetworkGroup[]> {
  return NetworkGroupEntity.readAll(table, groupsOfMunicipalityQuery(municipalityCode, kind));
}

/** Ids of the youth groups a young person is a member of (one query of their collection). */
export async function listGroupIdsOfYouth(table: Table, youthId: string): Promise<string[]> {
  const memberships = await MembershipEntities.YOUTH.readAll(
    table,
    membershipsQuery('YOUTH', youthId),
  );
  return memberships.map((membership) => membership.groupId);
}

/** The membership item of each joining member, and a participation item per company. */
function participantItems(
  group: NetworkGroup,
  joining: readonly GroupMember[],
  companies: Iterable<string>,
): Item[] {
  const memberships = MembershipEntities[memberKindOf(group.kind)];
  return [
    ...joining.map((member) =>
      memberships.toItem({
        groupId: group.id,
        memberId: member.memberId,
        municipalityCode: group.municipalityCode,
        joinedOn: member.joinedOn,
      }),
    ),
    ...[...companies].map((companyId) =>
      CompanyParticipationEntity.toItem({
        groupId: group.id,
        companyId,
        municipalityCode: group.municipalityCode,
      }),
    ),
  ];
}

/**
 * Stages the items of joining members and companies. Plain puts, not `create`: the group's own
 * versioned item guards the change, and a member who left and joins again may meet an item a
 * repair wrote meanwhile.
 */
function stageParticipants(
  work: UnitOfWork,
  group: NetworkGroup,
  joining: readonly GroupMember[],
  companies: Iterable<string>,
): void {
  for (const put of participantItems(group, joining, companies)) work.add({ put });
}

/**
 * Stages a new group: the group (which must not exist yet), the items of its first members and
 * companies, and its count in the municipality's figures.
 *
 * @param work - the unit of work
 * @param group - the new group
 */
export function stageGroupCreation(work: UnitOfWork, group: NetworkGroup): NetworkGroup {
  work.create(NetworkGroupEntity, group);
  stageParticipants(work, group, group.members, companiesOf(group));
  countGroup(work, group.municipalityCode, group.kind, 1);
  return group;
}

/**
 * Stages a change of a group at the version read (else the commit fails and the command runs
 * again), together with the membership items of members who joined or left and the
 * participation items of companies that joined or left through their contacts.
 *
 * @param work - the unit of work
 * @param before - the group as read
 * @param changes - what changes (name, facilitator, cadence, members)
 * @returns the group as it will be stored
 */
export function stageGroupChange(
  work: UnitOfWork,
  before: NetworkGroup,
  changes: Partial<Pick<NetworkGroup, 'name' | 'facilitatorId' | 'cadence' | 'members'>>,
): NetworkGroup {
  const after = work.change<NetworkGroup>(NetworkGroupEntity, before, changes);
  const kind = memberKindOf(after.kind);
  const had = new Set(before.members.map((member) => member.memberId));
  const has = new Set(after.members.map((member) => member.memberId));
  const companiesBefore = companiesOf(before);
  const companiesAfter = companiesOf(after);
  stageParticipants(
    work,
    after,
    after.members.filter((member) => !had.has(member.memberId)),
    [...companiesAfter].filter((companyId) => !companiesBefore.has(companyId)),
  );
  for (const member of before.members) {
    if (!has.has(member.memberId)) {
      work.add({ delete: participationKey(kind, member.memberId, after.id) });
    }
  }
  for (const companyId of companiesBefore) {
    if (!companiesAfter.has(companyId)) {
      work.add({ delete: participationKey('COMPANY', companyId, after.id) });
    }
  }
  return after;
}

/**
 * The items a group writes on creation besides its count (seeding writes them in bulk and
 * counts every municipality's groups once, in its counter item).
 */
export function groupSeedItems(group: NetworkGroup): Item[] {
  return [
    NetworkGroupEntity.toItem(group),
    ...participantItems(group, group.members, companiesOf(group)),
  ];
}
