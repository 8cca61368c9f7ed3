import { describe, expect, it } from 'vitest';
import { prepareLocalTable } from '#infra/local/prepare-table';
import { ALL_MIGRATIONS } from '#infra/migrations/all-migrations';
import { migrationStatus } from '#kernel/migrations/runner';
import { saveMunicipalities } from '#people/repository/municipality-repository';
import { createTestTable } from '../support/table.ts';

/** A stand-in for the demo world, in the newest shape: one municipality. */
const seedOneMunicipality = async (table: Parameters<typeof saveMunicipalities>[0]) =>
  saveMunicipalities(table, [{ code: '265', name: 'Roskilde' }]);

describe('the local stack’s table before it serves', () => {
  it('records every migration as applied, without running one, on a table it seeds', async () => {
    // Prepare
    const table = await createTestTable();
    const progress: string[] = [];
    // Act
    await prepareLocalTable(table, {
      seed: true,
      seedWorld: seedOneMunicipality,
      progress: (message) => progress.push(message),
    });
    // Assess
    const { applied, pending } = await migrationStatus(table, ALL_MIGRATIONS);
    expect(pending).toEqual([]);
    expect(applied.map(({ id, itemsTouched }) => [id, itemsTouched])).toEqual(
      ALL_MIGRATIONS.map(({ id }) => [id, 0]),
    );
    expect(progress).toEqual(['seeding the demo world']);
  });

  it('applies the pending migrations to a table it finds filled', async () => {
    // Prepare
    const table = await createTestTable();
    await seedOneMunicipality(table);
    await table.put({ pk: 'MUNI#265', sk: 'STATS#YOUTH#MONTH#2026-11', enrolled: 1 });
    const progress: string[] = [];
    // Act
    await prepareLocalTable(table, {
      seed: true,
      seedWorld: seedOneMunicipality,
      progress: (message) => progress.push(message),
    });
    // Assess
    expect(progress).toHaveLength(ALL_MIGRATIONS.length);
    expect(progress[0]).toMatch(/^migration 0001 applied \(1 items\)/);
    expect((await migrationStatus(table, ALL_MIGRATIONS)).pending).toEqual([]);
  });
});
