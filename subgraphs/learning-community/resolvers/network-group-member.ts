import type { NetworkGroupMemberResolvers } from '../generated/resolvers-types.ts';

/** `NetworkGroupMember`: a young person or a contact person, by the group's kind. */
export const NetworkGroupMember: NetworkGroupMemberResolvers = {
  youth: (member) =>
    member.groupKind === 'YOUTH'
      ? { id: member.memberId, municipalityCode: member.municipalityCode }
      : null,
  contact: (member) => (member.groupKind === 'COMPANY' ? { id: member.memberId } : null),
  company: (member) =>
    member.companyId ? { id: member.companyId, municipalityCode: member.municipalityCode } : null,
};
