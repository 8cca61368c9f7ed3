import type { ItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import type { Municipality } from '../domain/municipality.ts';
import {
  allMunicipalitiesQuery,
  municipalityFromItem,
  municipalityKey,
  municipalityToItem,
} from './municipality-entity.ts';

/** Every municipality running NEXTWORK, in code order (one query; 98 at national scale). */
export async function listMunicipalities(table: Table): Promise<Municipality[]> {
  const items = await table.queryAll(allMunicipalitiesQuery);
  return items.map(municipalityFromItem);
}

/** Municipalities by code through the request's batching loader; undefined where unknown. */
export async function loadMunicipalities(
  loader: ItemLoader,
  codes: readonly string[],
): Promise<Array<Municipality | undefined>> {
  const items = await loader.loadMany(codes.map(municipalityKey));
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return item ? municipalityFromItem(item) : undefined;
  });
}

/** Stores municipalities (seeding and onboarding of a new municipality). */
export async function saveMunicipalities(
  table: Table,
  municipalities: readonly Municipality[],
): Promise<void> {
  await table.putMany(municipalities.map(municipalityToItem));
}
