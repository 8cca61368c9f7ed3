import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Item } from '#kernel/table/table';
import type { Municipality } from '../domain/municipality.ts';

/** Partition of the index that lists every municipality, in code order. */
const ALL_MUNICIPALITIES = 'MUNICIPALITIES';

/** Primary key of a municipality's item. */
export function municipalityKey(code: string): ItemKey {
  return { pk: key(PREFIX.municipality, code), sk: key(PREFIX.municipality, code) };
}

/** The stored item of a municipality, with the index keys of its listing. */
export function municipalityToItem(municipality: Municipality): Item {
  return {
    ...municipalityKey(municipality.code),
    entity: 'Municipality',
    gsi1pk: ALL_MUNICIPALITIES,
    gsi1sk: municipality.code,
    code: municipality.code,
    name: municipality.name,
  };
}

/** A municipality from its stored item. */
export function municipalityFromItem(item: Item): Municipality {
  return { code: String(item.code), name: String(item.name) };
}

/** The query that lists every municipality. */
export const allMunicipalitiesQuery = { index: 'gsi1', partition: ALL_MUNICIPALITIES } as const;
