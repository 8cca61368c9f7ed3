import { requireIdentity, requireStaffOf } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import {
  listAllGroupsOfMunicipality,
  listGroupIdsOfParticipant,
  listGroupsOfMunicipality,
  loadGroups,
} from '../repository/network-group-repository.ts';
import type { PageRequest } from '../repository/paging.ts';
import { requireGroupVisible } from './access.ts';
import { companiesOf, type NetworkGroup, type NetworkGroupKind } from './network-group.ts';

/**
 * A group by id for the caller: null when none exists, `FORBIDDEN` when it is not theirs to see.
 */
export async function findNetworkGroup(
  context: SubgraphContext,
  groupId: string,
): Promise<NetworkGroup | null> {
  const identity = requireIdentity(context);
  const [group] = await loadGroups(context.loader, [groupId]);
  return group ? requireGroupVisible(identity, group) : null;
}

/** One page of a municipality's groups, for its own team only. */
export function networkGroupsOfMunicipality(
  context: SubgraphContext,
  municipalityCode: string,
  kind: NetworkGroupKind | undefined,
  page: PageRequest,
): Promise<Connection<NetworkGroup>> {
  requireStaffOf(requireIdentity(context), municipalityCode);
  return listGroupsOfMunicipality(context.table, context.cursors, municipalityCode, kind, page);
}

/**
 * The groups a participant takes part in, loaded in one batch; the caller's right to ask is
 * checked by the caller of this function, and each group is checked again on the way out.
 */
export async function groupsOfParticipant(
  context: SubgraphContext,
  kind: 'YOUTH' | 'COMPANY',
  participantId: string,
): Promise<NetworkGroup[]> {
  const identity = requireIdentity(context);
  const ids = await listGroupIdsOfParticipant(context.table, kind, participantId);
  const groups = await loadGroups(context.loader, ids);
  return groups
    .filter((group): group is NetworkGroup => group !== undefined)
    .map((group) => requireGroupVisible(identity, group));
}

/** Company groups per municipality, read once per request (keyed by the request's loader). */
const companyGroupsByRequest = new WeakMap<object, Map<string, Promise<NetworkGroup[]>>>();

/**
 * The company groups a company's contacts take part in. Read from the municipality's company
 * groups, one query per municipality and request, so a list of 100 companies costs the same
 * round trips as a list of 10.
 *
 * @param context - the request context
 * @param companyId - the company
 * @param municipalityCode - the company's municipality
 */
export async function groupsOfCompany(
  context: SubgraphContext,
  companyId: string,
  municipalityCode: string,
): Promise<NetworkGroup[]> {
  const identity = requireIdentity(context);
  let byMunicipality = companyGroupsByRequest.get(context.loader);
  if (!byMunicipality) {
    byMunicipality = new Map();
    companyGroupsByRequest.set(context.loader, byMunicipality);
  }
  let groups = byMunicipality.get(municipalityCode);
  if (!groups) {
    groups = listAllGroupsOfMunicipality(context.table, municipalityCode, 'COMPANY');
    byMunicipality.set(municipalityCode, groups);
  }
  return (await groups)
    .filter((group) => companiesOf(group).has(companyId))
    .map((group) => requireGroupVisible(identity, group));
}
