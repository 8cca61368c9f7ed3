import * as z from 'zod';
import { defineEntity } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import { sharedListings } from '#kernel/shared-keys';
import { IsoDateSchema, MunicipalityCodeSchema } from '#kernel/validation';
import { BenefitCategorySchema, YouthStatusSchema } from '../domain/youth.ts';

/**
 * What is left of an erased young person: an anonymous stub under a NEW random id, holding only
 * what the programme figures are counted from — municipality, enrolment day, benefit category,
 * the dated status timeline (statuses and days, no reasons) and whether they were enrolled with
 * an age exception (never the reason). No name, contact, date of birth, CPR number, free text,
 * consultant, or the old id.
 *
 * Its key is `YOUTH#<stubId>` / `ERASED`, never `sharedKeys.youth`, so no lookup of a young
 * person by id finds it, and it is listed only in its own gsi1 partition
 * `MUNI#<code>#ERASED_YOUTH` (a municipality's young people never show it). A recount of the
 * figures from the raw data adds these stubs to the municipality's young people.
 */

/** The sort key of a stub in its own partition. */
const ERASED = 'ERASED';

/** Primary key of a stub. */
export function erasedYouthKey(stubId: string): ItemKey {
  return { pk: key(PREFIX.youth, stubId), sk: ERASED };
}

/** The gsi1 partition of a municipality's stubs (the recount reads it). */
export function erasedYouthPartition(municipalityCode: string): string {
  return sharedListings.erasedYouth(municipalityCode);
}

/** What a stub keeps. */
export const ErasedYouthSchema = z.object({
  stubId: z.string(),
  municipalityCode: MunicipalityCodeSchema,
  enrolledAt: IsoDateSchema,
  benefitCategory: BenefitCategorySchema,
  status: YouthStatusSchema,
  statusChangedAt: IsoDateSchema,
  statusChanges: z.number().int().min(1),
  statusTimeline: z.array(z.object({ status: YouthStatusSchema, date: IsoDateSchema })),
  /** Absent on stubs written before the age-exception figures: none was counted then. */
  enrolledWithAgeException: z.boolean().optional(),
});

/** An erased young person's anonymous stub. */
export type ErasedYouth = z.infer<typeof ErasedYouthSchema>;

/** The anonymous stub of an erased young person. */
export const ErasedYouthEntity = defineEntity<ErasedYouth>({
  name: 'ErasedYouth',
  schema: ErasedYouthSchema,
  key: (stub) => erasedYouthKey(stub.stubId),
  indexes: {
    gsi1: (stub) => ({
      pk: erasedYouthPartition(stub.municipalityCode),
      sk: key(stub.enrolledAt, stub.stubId),
    }),
  },
  // Stored under `id` too, as every young person's item names itself.
  extra: (stub) => ({ id: stub.stubId }),
});
