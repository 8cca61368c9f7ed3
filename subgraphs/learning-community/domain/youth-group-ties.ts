import { tieSource, type YouthGroupContact } from '#kernel/ties';
import type { GroupMember, NetworkGroup } from './network-group.ts';

/**
 * The ties that young people joining a youth group make with its members (issue #20: "Young
 * people in the same youth group are tied"): each joining young person with every other young
 * person of the group after the change. Null for a company group or when nobody is tied (a
 * first member alone). Members who were tied before are among them when one joins again, which
 * the ties' set additions make harmless.
 *
 * @param after - the group with the joining members
 * @param joining - the members that joined
 * @param day - the day they joined (ISO 8601 date)
 */
export function youthGroupContact(
  after: NetworkGroup,
  joining: readonly GroupMember[],
  day: string,
): YouthGroupContact | null {
  if (after.kind !== 'YOUTH' || after.members.length < 2 || joining.length === 0) return null;
  return {
    joining: joining.map((member) => member.memberId),
    members: after.members.map((member) => member.memberId),
    municipalityCode: after.municipalityCode,
    source: tieSource.youthGroup(after.id),
    day,
  };
}
