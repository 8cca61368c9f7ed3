import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item } from '#kernel/table/table';
import {
  type GroupMember,
  type MemberKind,
  type NetworkGroup,
  type NetworkGroupKind,
  NetworkGroupSchema,
} from '../domain/network-group.ts';
import { LC_PREFIX } from './prefixes.ts';

/** Primary key of a network group's item. */
export function groupKey(groupId: string): ItemKey {
  return { pk: key(PREFIX.networkGroup, groupId), sk: key(PREFIX.networkGroup, groupId) };
}

/** Index partition (gsi1) of a municipality's groups, sorted by kind, then id (creation order). */
export function groupsOfMunicipalityPartition(municipalityCode: string): string {
  return key(PREFIX.municipality, municipalityCode, 'GROUPS');
}

/** The query that lists a municipality's groups, optionally of one kind. */
export function groupsOfMunicipalityQuery(municipalityCode: string, kind?: NetworkGroupKind) {
  return {
    index: 'gsi1' as const,
    partition: groupsOfMunicipalityPartition(municipalityCode),
    ...(kind ? { beginsWith: key(kind, '') } : {}),
  };
}

/** The stored item of a network group. */
export function groupToItem(group: NetworkGroup): Item {
  return {
    ...groupKey(group.id),
    entity: 'NetworkGroup',
    gsi1pk: groupsOfMunicipalityPartition(group.municipalityCode),
    gsi1sk: key(group.kind, group.id),
    id: group.id,
    municipalityCode: group.municipalityCode,
    kind: group.kind,
    name: group.name,
    facilitatorId: group.facilitatorId,
    cadence: group.cadence,
    members: group.members,
    createdAt: group.createdAt,
    version: group.version,
  };
}

/** A network group from its stored item. */
export function groupFromItem(item: Item): NetworkGroup {
  return NetworkGroupSchema.parse(item);
}

/** Participants that have an item collection here: young people, contact persons, companies. */
export type ParticipantKind = MemberKind | 'COMPANY';

/** A participant's item collection: memberships, attendance and attendance totals. */
export function participantPartition(kind: ParticipantKind, participantId: string): string {
  return key(LC_PREFIX.participant, kind, participantId);
}

/**
 * Key of the item that says a participant takes part in a group: a member (young person or
 * contact person), or a company with at least one contact person in it.
 */
export function participationKey(
  kind: ParticipantKind,
  participantId: string,
  groupId: string,
): ItemKey {
  return { pk: participantPartition(kind, participantId), sk: key(PREFIX.networkGroup, groupId) };
}

/** The membership item of a member, in the member's collection. */
export function membershipToItem(group: NetworkGroup, kind: MemberKind, member: GroupMember): Item {
  return {
    ...participationKey(kind, member.memberId, group.id),
    entity: 'NetworkMembership',
    groupId: group.id,
    memberId: member.memberId,
    municipalityCode: group.municipalityCode,
    joinedOn: member.joinedOn,
  };
}

/** The item that says a company takes part in a group through its contacts. */
export function companyParticipationToItem(group: NetworkGroup, companyId: string): Item {
  return {
    ...participationKey('COMPANY', companyId, group.id),
    entity: 'NetworkCompanyParticipation',
    groupId: group.id,
    companyId,
    municipalityCode: group.municipalityCode,
  };
}

/** The query of the groups a participant takes part in (a small partition by design). */
export function groupsOfParticipantQuery(kind: ParticipantKind, participantId: string) {
  return {
    partition: participantPartition(kind, participantId),
    beginsWith: key(PREFIX.networkGroup, ''),
  };
}
