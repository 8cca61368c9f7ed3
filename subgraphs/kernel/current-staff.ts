import type { SubgraphContext } from './context.ts';
import { UnauthenticatedError } from './errors.ts';
import { STAFF_ROLES, type StaffIdentity } from './identity.ts';
import { sharedKeys } from './shared-keys.ts';

/**
 * A staff caller as their standing item says now (`sharedKeys.staffStanding`): a token names
 * the role it was issued with and outlives a change of role or a removal (a disabled Cognito
 * user's ID token stays valid until it expires). A removed member is refused outright — no
 * municipality's data is theirs any more — and a member whose role changed acts in the new
 * role. Without a standing item nothing has changed since the member was recorded, and the
 * token is taken as it is.
 *
 * @param context - the request (its loader batches the read with the tick's other reads)
 * @param identity - the verified staff caller
 * @throws UnauthenticatedError when the member was removed
 */
export async function staffAsTheyStandNow(
  context: Pick<SubgraphContext, 'loader'>,
  identity: StaffIdentity,
): Promise<StaffIdentity> {
  const standing = await context.loader.load(sharedKeys.staffStanding(identity.staffId));
  if (!standing) return identity;
  if (standing.removed === true) {
    throw new UnauthenticatedError('This sign-in no longer belongs to a member of a team');
  }
  const role = (STAFF_ROLES as readonly unknown[]).includes(standing.role)
    ? (standing.role as StaffIdentity['role'])
    : identity.role;
  return role === identity.role ? identity : { ...identity, role };
}
