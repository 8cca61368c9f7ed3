import * as z from 'zod';
import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { groupParticipations, sharedKeys } from '#kernel/shared-keys';
import { EntityIdSchema, IsoDateSchema, MunicipalityCodeSchema } from '#kernel/validation';
import {
  type MemberKind,
  type NetworkGroup,
  type NetworkGroupKind,
  NetworkGroupSchema,
} from '../domain/network-group.ts';

/** Primary key of a network group's item. */
export function groupKey(groupId: string): ItemKey {
  return sharedKeys.networkGroup(groupId);
}

/** Index partition (gsi1) of a municipality's groups, sorted by kind, then id (creation order). */
function groupsOfMunicipalityPartition(municipalityCode: string): string {
  return key(PREFIX.municipality, municipalityCode, 'GROUPS');
}

/**
 * A network group: its item holds the member list (the authority attendance is checked
 * against), and is listed per municipality on gsi1, company groups before youth groups.
 */
export const NetworkGroupEntity = defineEntity<NetworkGroup>({
  name: 'NetworkGroup',
  schema: NetworkGroupSchema,
  key: (group) => groupKey(group.id),
  indexes: {
    gsi1: (group) => ({
      pk: groupsOfMunicipalityPartition(group.municipalityCode),
      sk: key(group.kind, group.id),
    }),
  },
});

/** The listing of a municipality's groups, optionally of one kind. */
export function groupsOfMunicipalityQuery(municipalityCode: string, kind?: NetworkGroupKind) {
  return {
    index: 'gsi1' as const,
    partition: groupsOfMunicipalityPartition(municipalityCode),
    ...(kind ? { beginsWith: key(kind, '') } : {}),
  };
}

/** Participants that have an item collection here: young people, contact persons, companies. */
export type ParticipantKind = MemberKind | 'COMPANY';

/** A participant's item collection: memberships, attendance and attendance totals. */
export function participantPartition(kind: ParticipantKind, participantId: string): string {
  return groupParticipations(kind, participantId);
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
  return sharedKeys.groupParticipation(kind, participantId, groupId);
}

/** A member's own item that says they are in a group, in the member's collection. */
export const MembershipSchema = z.object({
  groupId: EntityIdSchema,
  memberId: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
  joinedOn: IsoDateSchema,
});

/** A member's own item that says they are in a group. */
export type Membership = z.infer<typeof MembershipSchema>;

function membershipEntity(kind: MemberKind) {
  return defineEntity<Membership>({
    name: 'NetworkMembership',
    schema: MembershipSchema,
    key: (membership) => participationKey(kind, membership.memberId, membership.groupId),
  });
}

/**
 * The membership items of young people and of contact persons: one entity per kind of member,
 * since the kind is in the key and not in the item.
 */
export const MembershipEntities: Readonly<Record<MemberKind, ReturnType<typeof membershipEntity>>> =
  {
    YOUTH: membershipEntity('YOUTH'),
    CONTACT: membershipEntity('CONTACT'),
  };

/** The item that says a company takes part in a group through its contacts. */
export const CompanyParticipationSchema = z.object({
  groupId: EntityIdSchema,
  companyId: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
});

/** The item that says a company takes part in a group through its contacts. */
export type CompanyParticipation = z.infer<typeof CompanyParticipationSchema>;

/** A company's item in a group it takes part in through its contacts. */
export const CompanyParticipationEntity = defineEntity<CompanyParticipation>({
  name: 'NetworkCompanyParticipation',
  schema: CompanyParticipationSchema,
  key: (participation) =>
    participationKey('COMPANY', participation.companyId, participation.groupId),
});

/** The query of the groups a member takes part in (a small partition by design). */
export function membershipsQuery(kind: MemberKind, memberId: string) {
  return {
    partition: participantPartition(kind, memberId),
    beginsWith: key(PREFIX.networkGroup, ''),
  };
}
