import type { GroupMember, NetworkGroup } from './network-group.ts';

/** Two companies of one company group, each pair once, in a stable order. */
export interface CompanyPair {
  companyId: string;
  otherCompanyId: string;
}

/**
 * The pairs of companies that members joining a company group newly tie: each joining member's
 * company with every other company of the group after the change, each unordered pair once.
 * Pairs that were tied before are among them when their company joins again, which the ties'
 * set additions make harmless. None for a youth group.
 *
 * @param after - the group with the joining members
 * @param joining - the members that joined
 */
export function companyPairsJoining(
  after: NetworkGroup,
  joining: readonly GroupMember[],
): CompanyPair[] {
  if (after.kind !== 'COMPANY') return [];
  const companies = [...new Set(after.members.flatMap((member) => member.companyId ?? []))];
  const newcomers = new Set(joining.flatMap((member) => member.companyId ?? []));
  const pairs = new Map<string, CompanyPair>();
  for (const companyId of newcomers) {
    for (const otherCompanyId of companies) {
      if (otherCompanyId === companyId) continue;
      const [a, b] = [companyId, otherCompanyId].sort() as [string, string];
      pairs.set(`${a}|${b}`, { companyId: a, otherCompanyId: b });
    }
  }
  return [...pairs.values()];
}
