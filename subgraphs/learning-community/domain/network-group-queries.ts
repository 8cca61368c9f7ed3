import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import type { PageRequest } from '#kernel/listing';
import { createRequestMemo } from '#kernel/request-memo';
import {
  listGroupIdsOfYouth,
  listGroupsOfMunicipality,
  loadGroup,
  loadGroups,
  readAllGroupsOfMunicipality,
} from '../repository/network-group-repository.ts';
import { companiesOf, type NetworkGroup, type NetworkGroupKind } from './network-group.ts';

/**
 * Reads of network groups. Who may see a group is the rule of each field of `NetworkGroup`
 * (`authorisation-rules.ts`), on every path that yields one; these only read.
 */

/** A group by id; null when none exists. */
export async function findNetworkGroup(
  context: SubgraphContext,
  groupId: string,
): Promise<NetworkGroup | null> {
  return (await loadGroup(context.loader, groupId)) ?? null;
}

/** One page of a municipality's groups, company groups first, each kind in creation order. */
export function networkGroupsOfMunicipality(
  context: SubgraphContext,
  municipalityCode: string,
  kind: NetworkGroupKind | undefined,
  page: PageRequest,
): Promise<Connection<NetworkGroup>> {
  return listGroupsOfMunicipality(context, municipalityCode, kind, page);
}

/** The youth groups a young person is a member of, loaded in one batch. */
export async function groupsOfYouth(
  context: SubgraphContext,
  youthId: string,
): Promise<NetworkGroup[]> {
  const ids = await listGroupIdsOfYouth(context.table, youthId);
  const groups = await loadGroups(context.loader, ids);
  return groups.filter((group): group is NetworkGroup => group !== undefined);
}

/** Company groups per municipality, read once per request. */
const companyGroupsOnce = createRequestMemo<Promise<NetworkGroup[]>>();

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
  const groups = await companyGroupsOnce(context, municipalityCode, () =>
    readAllGroupsOfMunicipality(context.table, municipalityCode, 'COMPANY'),
  );
  return groups.filter((group) => companiesOf(group).has(companyId));
}
