import * as z from 'zod';
import type { SubgraphContext } from '#kernel/context';
import { isStaffRole, type StaffIdentity } from '#kernel/identity';
import { EntityIdSchema, ExpectedVersionSchema } from '#kernel/validation';

/** The input of a change of one placement at the version the client read. */
export const PlacementChangeInputSchema = z.object({
  placementId: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
});

/**
 * The member of the municipal team who makes a change (the consultant a lifecycle's tasks go
 * to, who completed a task). The mutation's rule admits the team only, so another caller here
 * is a wiring fault, not a refusal.
 *
 * @param context - the request
 */
export function callerStaffId(context: Pick<SubgraphContext, 'identity'>): string {
  const identity = context.identity;
  if (!identity || !isStaffRole(identity.role)) {
    throw new Error('A change by the municipal team reached the command without a staff identity');
  }
  return (identity as StaffIdentity).staffId;
}
