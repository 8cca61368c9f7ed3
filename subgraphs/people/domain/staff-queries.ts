import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { loadStaff } from '../repository/staff-repository.ts';
import { participantMunicipalityOf } from './caller.ts';
import { type StaffView, staffViewFor } from './staff-access.ts';

/**
 * Staff members by id as the caller sees them: null where none exists; a view without an
 * audience where the caller may see nothing of them, which every field's rule refuses. One
 * batched read for any number of ids.
 *
 * @param context - the request
 * @param staffIds - the staff members
 */
export async function staffViewsByIds(
  context: SubgraphContext,
  staffIds: readonly string[],
): Promise<Array<StaffView | null>> {
  const identity = requireIdentity(context);
  const [staff, participantMunicipality] = await Promise.all([
    loadStaff(context.loader, staffIds),
    participantMunicipalityOf(context),
  ]);
  return staff.map((member) =>
    member ? staffViewFor(identity, member, participantMunicipality) : null,
  );
}

/**
 * One staff member as the caller sees them; null when none exists.
 *
 * @param context - the request
 * @param staffId - the staff member
 */
export async function staffViewById(
  context: SubgraphContext,
  staffId: string,
): Promise<StaffView | null> {
  const [view] = await staffViewsByIds(context, [staffId]);
  return view ?? null;
}
