import type { Table } from '#kernel/table/table';
import { listMunicipalities } from '#people/repository/municipality-repository';
import { buildDemoWorld, type DemoWorld } from './demo-world.ts';
import { seedCompanies } from './seed-companies.ts';
import { seedLearningCommunity } from './seed-learning-community.ts';
import { seedPeople } from './seed-people.ts';
import { seedPlacements } from './seed-placements.ts';

/** Whether the table holds no NEXTWORK data yet (no municipality registered). */
export async function isEmpty(table: Table): Promise<boolean> {
  return (await listMunicipalities(table)).length === 0;
}

/**
 * Writes the whole demo world, each subgraph's part through that subgraph's own seeder, so
 * that the items are exactly those the subgraphs would have written themselves.
 *
 * @param table - the table to fill
 * @param world - the world to write
 * @default buildDemoWorld()
 */
export async function seedDemoWorld(
  table: Table,
  world: DemoWorld = buildDemoWorld(),
): Promise<void> {
  await seedPeople(table, world);
  await Promise.all([seedCompanies(table, world), seedPlacements(table, world)]);
  // After placements: a company-hosted session's attendance adds to the ties placements put.
  await seedLearningCommunity(table, world);
}
