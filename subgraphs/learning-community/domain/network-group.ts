import * as z from 'zod';
import { DomainRuleError } from '#kernel/errors';
import {
  EntityIdSchema,
  IsoDateSchema,
  MunicipalityCodeSchema,
  textSchema,
} from '#kernel/validation';

/**
 * Largest group. Recording a whole session's attendance is one transaction of up to 100
 * actions (two per member whose attendance changes, for at most twice the group), so the
 * limit keeps every recording atomic; real groups are 8 to 15 people.
 */
export const MAX_GROUP_MEMBERS = 24;

/** Who a network group brings together. */
export const NetworkGroupKindSchema = z.enum(['YOUTH', 'COMPANY']);

/** Youth group or company group. */
export type NetworkGroupKind = z.infer<typeof NetworkGroupKindSchema>;

/** How often a group meets. */
export const NetworkCadenceSchema = z.enum([
  'WEEKLY',
  'EVERY_TWO_WEEKS',
  'EVERY_FOUR_WEEKS',
  'EVERY_SIX_WEEKS',
]);

/** How often a group meets. */
export type NetworkCadence = z.infer<typeof NetworkCadenceSchema>;

/** One member of a group; `companyId` for a contact person of a company group. */
export const GroupMemberSchema = z.object({
  memberId: EntityIdSchema,
  joinedOn: IsoDateSchema,
  companyId: EntityIdSchema.optional(),
});

/** One member of a group. */
export type GroupMember = z.infer<typeof GroupMemberSchema>;

/**
 * A network group. The member list lives on the group's item: it is the authority that
 * attendance is checked against, and every membership change is a versioned write of it.
 */
export const NetworkGroupSchema = z.object({
  id: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
  kind: NetworkGroupKindSchema,
  name: textSchema(),
  facilitatorId: EntityIdSchema,
  cadence: NetworkCadenceSchema,
  members: z.array(GroupMemberSchema).max(MAX_GROUP_MEMBERS),
  createdAt: z.string(),
  version: z.number().int().min(1),
});

/** A network group. */
export type NetworkGroup = z.infer<typeof NetworkGroupSchema>;

/** What kind of participant a group's members are: young people or company contacts. */
export type MemberKind = 'YOUTH' | 'CONTACT';

/** The kind of participant a group of this kind holds. */
export function memberKindOf(kind: NetworkGroupKind): MemberKind {
  return kind === 'YOUTH' ? 'YOUTH' : 'CONTACT';
}

/** The usual rhythm: youth groups weekly alongside placements, company groups every six weeks. */
export function defaultCadence(kind: NetworkGroupKind): NetworkCadence {
  return kind === 'YOUTH' ? 'WEEKLY' : 'EVERY_SIX_WEEKS';
}

/** Whether someone is a member of the group now. */
export function isMember(group: NetworkGroup, memberId: string): boolean {
  return group.members.some((member) => member.memberId === memberId);
}

/**
 * The group with new members added, or a rule error: nobody twice, and no more than
 * {@link MAX_GROUP_MEMBERS}.
 *
 * @param group - the group as read
 * @param joining - the new members, already checked to belong to the group's municipality
 */
export function withMembersAdded(
  group: NetworkGroup,
  joining: readonly GroupMember[],
): NetworkGroup {
  joining.forEach((member, index) => {
    if (isMember(group, member.memberId)) {
      throw new DomainRuleError(
        'ALREADY_MEMBER',
        `${member.memberId} is already a member of the group`,
        ['memberIds', String(index)],
      );
    }
  });
  if (group.members.length + joining.length > MAX_GROUP_MEMBERS) {
    throw new DomainRuleError(
      'GROUP_FULL',
      `A network group has at most ${MAX_GROUP_MEMBERS} members`,
      ['memberIds'],
    );
  }
  return { ...group, members: [...group.members, ...joining] };
}

/**
 * The group without the given members, or a rule error when one of them is not a member.
 *
 * @param group - the group as read
 * @param memberIds - the members to remove
 */
export function withMembersRemoved(
  group: NetworkGroup,
  memberIds: readonly string[],
): NetworkGroup {
  memberIds.forEach((memberId, index) => {
    if (!isMember(group, memberId)) {
      throw new DomainRuleError('NOT_A_MEMBER', `${memberId} is not a member of the group`, [
        'memberIds',
        String(index),
      ]);
    }
  });
  const leaving = new Set(memberIds);
  return { ...group, members: group.members.filter((member) => !leaving.has(member.memberId)) };
}

/** Companies with at least one contact person in the group. */
export function companiesOf(group: NetworkGroup): Set<string> {
  return new Set(group.members.flatMap((member) => (member.companyId ? [member.companyId] : [])));
}

/** A member as the API shows it: with the group's kind and municipality, for authorisation. */
export interface GroupMemberView extends GroupMember {
  groupKind: NetworkGroupKind;
  municipalityCode: string;
}

/** The members of a group as the API shows them. */
export function memberViews(group: NetworkGroup): GroupMemberView[] {
  return group.members.map((member) => ({
    ...member,
    groupKind: group.kind,
    municipalityCode: group.municipalityCode,
  }));
}

/** The companies of a company group, each once, in the order they joined; none for a youth group. */
export function memberCompanyIds(group: NetworkGroup): string[] {
  return group.kind === 'COMPANY' ? [...companiesOf(group)] : [];
}

/** The young people of a youth group, in the order they joined; none for a company group. */
export function youthMemberIds(group: NetworkGroup): string[] {
  return group.kind === 'YOUTH' ? group.members.map((member) => member.memberId) : [];
}
