import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { type TieWay, tieSource, youthCompanyTieAdded } from '#kernel/ties';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { givenMunicipalities } from '../support/people-factories.ts';
import { entitiesQuery } from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const STATS = entitiesQuery(
  'Municipality',
  `tieStats(from: "2026-10-01", to: "2026-11-30") { suppressed youthWithCompanyTies
    youthWithThreeOrMoreCompanyTies youthWithFirstPlacement medianCompaniesMetBeforeFirstPlacement
    companiesTiedToTwoOrMoreYouth companiesHostingMoreThanOnePlacement newTies }`,
);

describe('placements subgraph: tie figures', () => {
  let table: Table;
  const as = (identity: Identity) => testContext(table, identity);
  const stats = (identity: Identity, code = '265') =>
    execute(server, as(identity), STATS, {
      representations: [{ __typename: 'Municipality', code }],
    });
  const tie = (youthId: string, companyId: string, day: string, way: TieWay = 'MATCHING_EVENT') =>
    youthCompanyTieAdded({
      youthId,
      companyId,
      municipalityCode: '265',
      source: way === 'PLACEMENT' ? tieSource.placement(`p-${youthId}`) : tieSource.meeting(day),
      way,
      day,
    });

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await table.transact([
      // y-1 met three companies, then had a placement at the third: all three met before it.
      tie('y-1', 'c-1', '2026-09-10'),
      tie('y-1', 'c-2', '2026-10-10'),
      tie('y-1', 'c-3', '2026-10-10'),
      tie('y-2', 'c-1', '2026-10-10'),
      tie('y-3', 'c-4', '2026-11-05'),
      tie('y-4', 'c-4', '2026-11-05'),
      tie('y-5', 'c-5', '2026-11-05'),
      tie('y-6', 'c-6', '2026-11-05'),
      tie('y-7', 'c-7', '2026-11-05'),
      // After the period: not counted.
      tie('y-8', 'c-7', '2026-12-02'),
    ]);
    await table.transact([tie('y-1', 'c-3', '2026-11-02', 'PLACEMENT')]);
  });

  it("shows the municipality's team its figures as they are", async () => {
    // Act
    const result = await stats(staffIdentity('265'));
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        tieStats: {
          suppressed: false,
          youthWithCompanyTies: 7,
          youthWithThreeOrMoreCompanyTies: 1,
          youthWithFirstPlacement: 1,
          medianCompaniesMetBeforeFirstPlacement: 3,
          companiesTiedToTwoOrMoreYouth: 2,
          companiesHostingMoreThanOnePlacement: 0,
          // y-1's first tie was in September, before the period.
          newTies: 8,
        },
      },
    ]);
  });

  it('shows the programme office rounded counts and no median over too few', async () => {
    // Act
    const municipality = await stats(programmeIdentity());
    const programme = await execute(
      server,
      as(programmeIdentity()),
      entitiesQuery('ProgrammeStats', 'tieStats { suppressed youthWithCompanyTies newTies }'),
      { representations: [{ __typename: 'ProgrammeStats', from: '2026-10-01', to: '2026-11-30' }] },
    );
    // Assess
    expect(municipality.data?._entities).toEqual([
      {
        tieStats: {
          suppressed: true,
          youthWithCompanyTies: 5,
          youthWithThreeOrMoreCompanyTies: 0,
          youthWithFirstPlacement: 0,
          medianCompaniesMetBeforeFirstPlacement: null,
          companiesTiedToTwoOrMoreYouth: 0,
          companiesHostingMoreThanOnePlacement: 0,
          newTies: 10,
        },
      },
    ]);
    expect(programme.data?._entities).toEqual([
      { tieStats: { suppressed: true, youthWithCompanyTies: 5, newTies: 10 } },
    ]);
  });

  it.each([
    ['the team of another municipality', staffIdentity('101')],
    ['a young person', youthIdentity('265', 'y-1')],
    ['a company contact', companyContactIdentity('c-1')],
  ])('refuses %s', async (_who, identity) => {
    // Act
    const result = await stats(identity);
    // Assess
    expect(errorCodes(result)).toContain('FORBIDDEN');
  });
});
