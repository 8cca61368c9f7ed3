import type { SubgraphContext } from './context.ts';
import type { Identity } from './identity.ts';
import { sharedKeys } from './shared-keys.ts';

/**
 * A young person's municipality as their own record says (the people subgraph's item, read
 * through the request's loader, so once a request however many rules ask); undefined when no
 * record exists.
 *
 * @param context - the request
 * @param youthId - the young person
 */
export async function recordedYouthMunicipality(
  context: Pick<SubgraphContext, 'loader'>,
  youthId: string,
): Promise<string | undefined> {
  const item = await context.loader.load(sharedKeys.youth(youthId));
  return typeof item?.municipalityCode === 'string' ? item.municipalityCode : undefined;
}

/**
 * The caller with the scope their record gives them. A token says who asks; where a young
 * person belongs is their record's municipality, which wins over the token's claim whenever a
 * record exists (a token issued before a move names the old one). Other roles are returned as
 * they are, without a read.
 *
 * @param context - the request
 * @param identity - the verified caller
 */
export async function callerInRecordedScope(
  context: Pick<SubgraphContext, 'loader'>,
  identity: Identity,
): Promise<Identity> {
  if (identity.role !== 'YOUTH') return identity;
  const recorded = await recordedYouthMunicipality(context, identity.youthId);
  return recorded && recorded !== identity.municipalityCode
    ? { ...identity, municipalityCode: recorded }
    : identity;
}
