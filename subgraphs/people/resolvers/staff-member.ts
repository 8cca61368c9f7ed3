import { NotFoundError } from '#kernel/errors';
import { EntityIdSchema } from '#kernel/validation';
import { activitiesOf } from '../domain/activity-queries.ts';
import { psychologistCaseloadOf } from '../domain/psychologist-queries.ts';
import { staffViewById } from '../domain/staff-queries.ts';
import { caseloadOf } from '../domain/youth-queries.ts';
import type { StaffMemberResolvers } from '../generated/resolvers-types.ts';
import { loadMunicipalities } from '../repository/municipality-repository.ts';

/**
 * `StaffMember`: the fields of the staff member behind the view. Who may read each field is
 * stated once, in `domain/staff-access.ts` (`STAFF_FIELD_ACCESS`), and the kernel enforces it
 * on every path; references from other subgraphs by the same rule as `Query.staffMember`.
 */
export const StaffMember: StaffMemberResolvers = {
  async __resolveReference(reference, context) {
    if (!EntityIdSchema.safeParse(reference.id).success) return null;
    return staffViewById(context, reference.id);
  },
  id: ({ staff }) => staff.id,
  name: ({ staff }) => staff.name,
  role: ({ staff }) => staff.role,
  contact: ({ staff }) => ({ phone: staff.phone, email: staff.email }),
  async municipality({ staff }, _args, context) {
    const [municipality] = await loadMunicipalities(context.loader, [staff.municipalityCode]);
    if (!municipality) throw new NotFoundError('The municipality is not registered');
    return municipality;
  },
  caseload: (view, args, context) => caseloadOf(context, view, args),
  activities: (view, args, context) => activitiesOf(context, view, args),
  psychologistCaseload: (view, args, context) => psychologistCaseloadOf(context, view, args),
  version: ({ staff }) => staff.version,
};
