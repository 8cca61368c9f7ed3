import { defineEntity } from '#kernel/entity';
import type { ItemKey } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import { type Municipality, MunicipalitySchema } from '../domain/municipality.ts';

/** Partition of the index that lists every municipality, in code order. */
const ALL_MUNICIPALITIES = 'MUNICIPALITIES';

/** Primary key of a municipality's item: the shared key, since other subgraphs read it. */
export function municipalityKey(code: string): ItemKey {
  return sharedKeys.municipality(code);
}

/** A municipality running NEXTWORK, listed on gsi1 in code order. */
export const MunicipalityEntity = defineEntity<Municipality>({
  name: 'Municipality',
  schema: MunicipalitySchema,
  key: (municipality) => municipalityKey(municipality.code),
  indexes: { gsi1: (municipality) => ({ pk: ALL_MUNICIPALITIES, sk: municipality.code }) },
});

/** The query that lists every municipality. */
export const allMunicipalitiesQuery = { index: 'gsi1', partition: ALL_MUNICIPALITIES } as const;
