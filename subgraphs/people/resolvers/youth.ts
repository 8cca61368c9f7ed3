import type { SubgraphContext } from '#kernel/context';
import { NotFoundError } from '#kernel/errors';
import { danishToday } from '#kernel/today';
import { EntityIdSchema } from '#kernel/validation';
import { staffViewById } from '../domain/staff-queries.ts';
import { ageOn, type Youth as YouthModel } from '../domain/youth.ts';
import { requireYouthField, type YouthField, type YouthView } from '../domain/youth-access.ts';
import { statusHistoryOf, supportNotesOf, youthViewById } from '../domain/youth-queries.ts';
import type { YouthResolvers } from '../generated/resolvers-types.ts';
import { loadMunicipalities } from '../repository/municipality-repository.ts';

/** A field of a young person, read after the field's rule (`YOUTH_FIELD_ACCESS`) holds. */
function guarded<R>(field: YouthField, read: (youth: YouthModel, context: SubgraphContext) => R) {
  return (view: YouthView, _args: unknown, context: SubgraphContext): R => {
    requireYouthField(view, field);
    return read(view.youth, context);
  };
}

/**
 * `Youth`: every field behind its rule in `domain/youth-access.ts`; references from other
 * subgraphs (`_entities`) are checked exactly as `Query.youth` is, so that no path shows a
 * company contact more than the work profile.
 */
export const Youth: YouthResolvers = {
  async __resolveReference(reference, context) {
    if (!EntityIdSchema.safeParse(reference.id).success) return null;
    return youthViewById(context, reference.id);
  },
  id: guarded('id', (youth) => youth.id),
  name: guarded('name', (youth) => youth.name),
  interests: guarded('interests', (youth) => youth.interests),
  workWishes: guarded('workWishes', (youth) => youth.workWishes),
  municipality: guarded('municipality', async (youth, context) => {
    const [municipality] = await loadMunicipalities(context.loader, [youth.municipalityCode]);
    if (!municipality) throw new NotFoundError('The municipality is not registered');
    return municipality;
  }),
  dateOfBirth: guarded('dateOfBirth', (youth) => youth.dateOfBirth),
  age: guarded('age', (youth, context) => ageOn(youth.dateOfBirth, danishToday(context.now()))),
  contact: guarded('contact', (youth) => ({ phone: youth.phone, email: youth.email })),
  enrolledAt: guarded('enrolledAt', (youth) => youth.enrolledAt),
  status: guarded('status', (youth) => youth.status),
  consultant: guarded('consultant', (youth, context) =>
    youth.consultantId ? staffViewById(context, youth.consultantId) : null,
  ),
  benefitCategory: guarded('benefitCategory', (youth) => youth.benefitCategory),
  barriers: guarded('barriers', (youth) => youth.barriers),
  researchConsent: guarded('researchConsent', (youth) => youth.researchConsent),
  version: guarded('version', (youth) => youth.version),
  cprMasked: guarded('cprMasked', (youth) => youth.cprMasked ?? null),
  statusHistory: (view, _args, context) => statusHistoryOf(context, view),
  supportNotes: (view, _args, context) => supportNotesOf(context, view),
};
