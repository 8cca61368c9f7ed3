import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { isStaffRole, type StaffIdentity } from '#kernel/identity';

/**
 * What the learning community's commands share: the caller a team-only command runs for, and
 * what an idempotency record keeps of a result (its id, never personal data).
 */

/**
 * The caller of a command that only the municipal team may run. The command's rule
 * (`authorisation-rules.ts`) refuses every other role before the command runs; this narrows the
 * type and fails loudly should the rule ever stop doing so.
 *
 * @param context - the request
 */
export function teamMemberCalling(context: SubgraphContext): StaffIdentity {
  const identity = requireIdentity(context);
  if (!isStaffRole(identity.role)) {
    throw new Error('A command for the municipal team ran for another role: check its rule');
  }
  return identity as StaffIdentity;
}

/** Whom a change of a municipality's record is about, for its audit event. */
export function aboutMunicipality<Input>(
  _input: Input,
  record: { municipalityCode: string },
): { municipalityCode: string } {
  return { municipalityCode: record.municipalityCode };
}
