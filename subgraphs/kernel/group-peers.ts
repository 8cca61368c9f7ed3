import type { SubgraphContext } from './context.ts';
import { createRequestMemo } from './request-memo.ts';
import { groupParticipations, sharedKeys } from './shared-keys.ts';

/** Who shares network groups: young people (youth groups) or companies (company groups). */
export type GroupPeerKind = 'YOUTH' | 'COMPANY';

const peersOfRequest = createRequestMemo<Promise<ReadonlySet<string>>>();

/** A member of a group as its item stores it (`sharedKeys.networkGroup`). */
interface StoredMember {
  memberId?: unknown;
  companyId?: unknown;
}

/** The participant a stored member counts as: the young person, or the contact's company. */
function participantOf(kind: GroupPeerKind, member: StoredMember): string | undefined {
  const id = kind === 'YOUTH' ? member.memberId : member.companyId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The young people who share a youth group with a young person now, or the companies that
 * share a company group with a company now (the participant themself left out). The groups are
 * read from the learning community's items through the shared keys: one query of the
 * participant's own group items, then the groups through the request's loader (one batch), once
 * a request however many young people or companies a list asks about — so a members list costs
 * no read per member. The group's member list is the authority: a former member, whose items
 * went with their leaving, shares nothing.
 *
 * @param context - the request
 * @param kind - young people or companies
 * @param participantId - the young person, or the company
 */
export function groupPeersOf(
  context: Pick<SubgraphContext, 'loader' | 'table'>,
  kind: GroupPeerKind,
  participantId: string,
): Promise<ReadonlySet<string>> {
  return peersOfRequest(context, `${kind}#${participantId}`, async () => {
    const participations = await context.table.queryAll({
      partition: groupParticipations(kind, participantId),
      beginsWith: sharedKeys.networkGroup('').sk,
    });
    const groupIds = participations.flatMap((item) =>
      typeof item.groupId === 'string' ? [item.groupId] : [],
    );
    const groups = await Promise.all(
      groupIds.map((groupId) => context.loader.load(sharedKeys.networkGroup(groupId))),
    );
    const peers = new Set<string>();
    for (const group of groups) {
      if (group?.kind !== kind || !Array.isArray(group.members)) continue;
      const members = (group.members as StoredMember[]).flatMap(
        (member) => participantOf(kind, member) ?? [],
      );
      if (!members.includes(participantId)) continue;
      for (const member of members) if (member !== participantId) peers.add(member);
    }
    return peers;
  });
}

/**
 * Whether two young people, or two companies, share a network group now
 * ({@link groupPeersOf} of the first).
 *
 * @param context - the request
 * @param kind - young people or companies
 * @param participantId - the caller's young person or company
 * @param otherId - the young person or company asked about
 */
export async function sharesGroupNow(
  context: Pick<SubgraphContext, 'loader' | 'table'>,
  kind: GroupPeerKind,
  participantId: string,
  otherId: string,
): Promise<boolean> {
  if (participantId === otherId) return false;
  return (await groupPeersOf(context, kind, participantId)).has(otherId);
}
