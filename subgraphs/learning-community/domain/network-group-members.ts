import type { ItemLoader } from '#kernel/entity-loader';
import { DomainRuleError } from '#kernel/errors';
import { loadSharedContacts, loadSharedYouth } from '../repository/shared-items-repository.ts';
import type { GroupMember, NetworkGroup, NetworkGroupKind } from './network-group.ts';

/**
 * Who may join a group: a young person of the group's municipality in a youth group, a contact
 * person of one of its companies in a company group. Loading the candidates and checking them
 * are apart, so the check is a pure rule.
 */

/** A candidate member as the owners' items say: their municipality, and a contact's company. */
export interface Candidate {
  municipalityCode?: string | undefined;
  companyId?: string;
}

/**
 * The candidates named, in order: young people for a youth group, contact persons (with their
 * company's municipality) for a company group; undefined where none exists.
 *
 * @param loader - the request's loader
 * @param kind - the group's kind
 * @param memberIds - the ids named
 */
export async function loadCandidates(
  loader: ItemLoader,
  kind: NetworkGroupKind,
  memberIds: readonly string[],
): Promise<Array<Candidate | undefined>> {
  return kind === 'YOUTH'
    ? loadSharedYouth(loader, memberIds)
    : (await loadSharedContacts(loader, memberIds)).map((contact) =>
        contact
          ? { companyId: contact.companyId, municipalityCode: contact.municipalityCode }
          : undefined,
      );
}

/**
 * The new members as they will be stored, or one rule error (`MEMBER_NOT_FOUND`) on the first
 * that does not exist or belongs to another municipality (a contact person through their
 * company).
 *
 * @param group - the group
 * @param memberIds - the ids named
 * @param candidates - what {@link loadCandidates} found for each
 * @param joinedOn - today
 */
export function joiningMembers(
  group: NetworkGroup,
  memberIds: readonly string[],
  candidates: ReadonlyArray<Candidate | undefined>,
  joinedOn: string,
): GroupMember[] {
  return memberIds.map((memberId, index) => {
    const candidate = candidates[index];
    // One answer for no one and for someone of another municipality: whether a person the
    // team may not see exists is not the team's to learn.
    if (!candidate || candidate.municipalityCode !== group.municipalityCode) {
      const what = group.kind === 'YOUTH' ? 'young person' : 'company contact person';
      throw new DomainRuleError(
        'MEMBER_NOT_FOUND',
        `There is no ${what} with this id in the group's municipality`,
        ['memberIds', String(index)],
      );
    }
    return candidate.companyId
      ? { memberId, joinedOn, companyId: candidate.companyId }
      : { memberId, joinedOn };
  });
}
