import { beforeEach, describe, expect, it } from 'vitest';
import { createItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import type { Placement } from '#placements/domain/placement';
import { gatherCompanyOccupancy } from '#placements/migrations/0014-company-occupancy';
import {
  CompanyOccupancyEntity,
  companyOccupancyKey,
} from '#placements/repository/placement-guard-entity';
import { loadCompanyOccupancy } from '#placements/repository/placement-repository';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import { aCheckpoint } from '../support/migration-checkpoint.ts';
import { givenMunicipalities, KOBENHAVN, ROSKILDE } from '../support/people-factories.ts';
import {
  aHost,
  aPlacement,
  createPlacementInput,
  givenHosts,
  givenPlacements,
  givenYoungPeople,
  withOpportunity,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

/**
 * Placements as they were stored before companies' occupancy was kept: every item the subgraph
 * wrote then, and no company occupancy.
 */
async function givenOldPlacements(table: Table, placements: Placement[]): Promise<void> {
  await givenPlacements(table, placements);
  for (const companyId of new Set(placements.map((p) => p.companyId))) {
    await table.transact([{ delete: companyOccupancyKey(companyId) }]);
  }
}

const heldIds = async (table: Table, companyId: string) =>
  Object.keys((await loadCompanyOccupancy(createItemLoader(table), companyId)).placements).sort();

describe("companies' open placements gathered in their occupancy (migration 0014)", () => {
  let table: Table;

  beforeEach(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenYoungPeople(table, ROSKILDE, ['y-1', 'y-2', 'y-3', 'y-4']);
    await givenYoungPeople(table, KOBENHAVN, ['y-9']);
    await givenHosts(
      table,
      withOpportunity(aHost('c-r', ROSKILDE, { places: 2, employees: 4 }), 'c-r-opp2', {
        places: 2,
      }),
      aHost('c-k', KOBENHAVN, { places: 2 }),
    );
    await givenOldPlacements(table, [
      aPlacement({ id: 'p-active', youthId: 'y-1', companyId: 'c-r' }),
      aPlacement({
        id: 'p-done',
        youthId: 'y-2',
        companyId: 'c-r',
        status: 'COMPLETED',
        startDate: '2026-01-05',
        endDate: '2026-04-05',
      }),
      aPlacement({ id: 'p-k', youthId: 'y-9', municipalityCode: KOBENHAVN, companyId: 'c-k' }),
    ]);
  });

  it("gathers each company's open placements once, and a second run changes nothing", async () => {
    // Act
    const first = aCheckpoint();
    await gatherCompanyOccupancy.run(table, first);
    const second = aCheckpoint();
    await gatherCompanyOccupancy.run(table, second);
    // Assess
    expect(await heldIds(table, 'c-r')).toEqual(['p-active']);
    expect(await heldIds(table, 'c-k')).toEqual(['p-k']);
    expect(first.touched).toBe(2);
    expect(second.touched).toBe(0);
  });

  it('keeps what a placement made since wrote, and adds the old beside it', async () => {
    // Prepare: a placement written now, after the old ones
    await table.put(
      CompanyOccupancyEntity.toItem({
        companyId: 'c-r',
        placements: {
          'p-new': { startDate: '2027-06-01', endDate: '2027-09-01', status: 'PLANNED' },
        },
        version: 1,
      }),
    );
    // Act
    await gatherCompanyOccupancy.run(table, aCheckpoint());
    // Assess
    expect(await heldIds(table, 'c-r')).toEqual(['p-active', 'p-new']);
  });

  it('lets rimelighedskravet count the old placements once gathered', async () => {
    // Prepare
    await gatherCompanyOccupancy.run(table, aCheckpoint());
    // Act: a company of four with one young person placed: no second at once
    const result = await execute<{ createPlacement: { errors: Array<{ code: string }> } }>(
      server,
      testContext(table, staffIdentity(ROSKILDE)),
      `mutation ($input: CreatePlacementInput!) { createPlacement(input: $input) { errors { code } } }`,
      {
        input: createPlacementInput('y-3', 'c-r', {
          opportunityId: 'c-r-opp2',
          startDate: '2026-12-01',
        }),
      },
    );
    // Assess
    expect(result.data?.createPlacement.errors.map((e) => e.code)).toEqual([
      'COMPANY_RATIO_EXCEEDED',
    ]);
  });

  it('has a change of an old open placement write the occupancy, so that a migration that read it before runs again', async () => {
    // Prepare
    const before = await table.get(companyOccupancyKey('c-r'));
    // Act: the old placement under way ends (its young person left for a job)
    const result = await execute<{ interruptPlacement: { errors: Array<{ code: string }> } }>(
      server,
      testContext(table, staffIdentity(ROSKILDE)),
      `mutation ($input: InterruptPlacementInput!) {
        interruptPlacement(input: $input) { errors { code } } }`,
      {
        input: {
          placementId: 'p-active',
          outcome: {
            kind: 'JOB',
            date: '2026-11-20',
            details: { what: 'Lagermedarbejder', where: 'Lager A/S', startDate: '2026-11-23' },
          },
          expectedVersion: 1,
        },
      },
    );
    // Assess: written (a migration's write on the version it read now fails), holding nothing
    expect(result.data?.interruptPlacement.errors).toEqual([]);
    expect(before).toBeUndefined();
    expect(await table.get(companyOccupancyKey('c-r'))).toMatchObject({
      placements: {},
      version: 1,
    });
  });

  it('resumes after the last municipality it finished', async () => {
    // Prepare: København (101) comes before Roskilde (265); a run stopped after it
    const resumed = aCheckpoint({ code: KOBENHAVN });
    // Act
    await gatherCompanyOccupancy.run(table, resumed);
    // Assess
    expect(await heldIds(table, 'c-k')).toEqual([]);
    expect(await heldIds(table, 'c-r')).toEqual(['p-active']);
  });
});
