import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item } from '#kernel/table/table';
import type { DatedStatus } from '../domain/weekly-status.ts';

/**
 * What is left of an erased young person: an anonymous stub under a NEW random id, holding only
 * what the programme figures are counted from — municipality, enrolment day, benefit category
 * and the dated status timeline (statuses and days, no reasons). No name, contact, date of
 * birth, CPR number, free text, consultant, or the old id.
 *
 * Its key is `YOUTH#<stubId>` / `ERASED`, never `sharedKeys.youth`, so no lookup of a young
 * person by id finds it, and it is listed only in its own gsi1 partition
 * `MUNI#<code>#ERASED_YOUTH` (a municipality's young people never show it). A recount of the
 * figures from the raw data adds these stubs to the municipality's young people.
 */

/** The entity name of a stub. */
export const ERASED_YOUTH_ENTITY = 'ErasedYouth';

/** The sort key of a stub in its own partition. */
const ERASED = 'ERASED';

/** Primary key of a stub. */
export function erasedYouthKey(stubId: string): ItemKey {
  return { pk: key(PREFIX.youth, stubId), sk: ERASED };
}

/** The gsi1 partition of a municipality's stubs (the recount reads it). */
export function erasedYouthPartition(municipalityCode: string): string {
  return key(PREFIX.municipality, municipalityCode, 'ERASED_YOUTH');
}

/** What a stub keeps. */
export interface ErasedYouth {
  stubId: string;
  municipalityCode: string;
  enrolledAt: string;
  benefitCategory: string;
  status: string;
  statusChangedAt: string;
  statusChanges: number;
  statusTimeline: DatedStatus[];
}

/** The stored item of a stub. */
export function erasedYouthToItem(stub: ErasedYouth): Item {
  return {
    ...erasedYouthKey(stub.stubId),
    entity: ERASED_YOUTH_ENTITY,
    gsi1pk: erasedYouthPartition(stub.municipalityCode),
    gsi1sk: key(stub.enrolledAt, stub.stubId),
    id: stub.stubId,
    municipalityCode: stub.municipalityCode,
    enrolledAt: stub.enrolledAt,
    benefitCategory: stub.benefitCategory,
    status: stub.status,
    statusChangedAt: stub.statusChangedAt,
    statusChanges: stub.statusChanges,
    statusTimeline: stub.statusTimeline.map(({ status, date }) => ({ status, date })),
  };
}
