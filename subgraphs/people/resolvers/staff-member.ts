import type { SubgraphContext } from '#kernel/context';
import { NotFoundError } from '#kernel/errors';
import { EntityIdSchema } from '#kernel/validation';
import type { StaffMember as StaffMemberModel } from '../domain/staff.ts';
import { requireStaffField, type StaffField, type StaffView } from '../domain/staff-access.ts';
import { staffViewById } from '../domain/staff-queries.ts';
import { caseloadOf } from '../domain/youth-queries.ts';
import type { StaffMemberResolvers } from '../generated/resolvers-types.ts';
import { loadMunicipalities } from '../repository/municipality-repository.ts';

/** A field of a staff member, read after the field's rule (`STAFF_FIELD_ACCESS`) holds. */
function guarded<R>(
  field: StaffField,
  read: (staff: StaffMemberModel, context: SubgraphContext) => R,
) {
  return (view: StaffView, _args: unknown, context: SubgraphContext): R => {
    requireStaffField(view, field);
    return read(view.staff, context);
  };
}

/**
 * `StaffMember`: every field behind its rule in `domain/staff-access.ts`; references from other
 * subgraphs are checked as `Query.staffMember` is.
 */
export const StaffMember: StaffMemberResolvers = {
  async __resolveReference(reference, context) {
    if (!EntityIdSchema.safeParse(reference.id).success) return null;
    return staffViewById(context, reference.id);
  },
  id: guarded('id', (staff) => staff.id),
  name: guarded('name', (staff) => staff.name),
  role: guarded('role', (staff) => staff.role),
  contact: guarded('contact', (staff) => ({ phone: staff.phone, email: staff.email })),
  municipality: guarded('municipality', async (staff, context) => {
    const [municipality] = await loadMunicipalities(context.loader, [staff.municipalityCode]);
    if (!municipality) throw new NotFoundError('The municipality is not registered');
    return municipality;
  }),
  caseload: (view, args, context) => caseloadOf(context, view, args),
};
