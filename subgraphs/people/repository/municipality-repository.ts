import type { ItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import type { Municipality } from '../domain/municipality.ts';
import {
  allMunicipalitiesQuery,
  MunicipalityEntity,
  municipalityKey,
} from './municipality-entity.ts';

/** Every municipality running NEXTWORK, in code order (one query; 98 at national scale). */
export function listMunicipalities(table: Table): Promise<Municipality[]> {
  return MunicipalityEntity.readAll(table, allMunicipalitiesQuery);
}

/** Municipalities by code through the request's batching loader; undefined where unknown. */
export function loadMunicipalities(
  loader: ItemLoader,
  codes: readonly string[],
): Promise<Array<Municipality | undefined>> {
  return MunicipalityEntity.load(loader, codes.map(municipalityKey));
}

/** Stores municipalities (seeding and onboarding of a new municipality). */
export async function saveMunicipalities(
  table: Table,
  municipalities: readonly Municipality[],
): Promise<void> {
  await table.putMany(municipalities.map(MunicipalityEntity.toItem));
}
