import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '#kernel/table/table';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { aPlacement, entitiesQuery, storePlacements } from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const query = (period = '') =>
  entitiesQuery(
    'Municipality',
    `code placementStats${period} {
      planned active extended completed interrupted
      period { from to } startedInPeriod completedInPeriod interruptedInPeriod
      outcomesInPeriod { kind count }
    }`,
  );
const roskilde = { representations: [{ __typename: 'Municipality', code: '265' }] };

describe('placements subgraph: Municipality.placementStats', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await storePlacements(table, [
      aPlacement({
        youthId: 'y-1',
        status: 'PLANNED',
        startDate: '2026-12-01',
        endDate: '2027-03-01',
      }),
      aPlacement({ youthId: 'y-2', status: 'ACTIVE', startDate: '2026-10-01' }),
      aPlacement({
        youthId: 'y-3',
        status: 'ACTIVE',
        startDate: '2025-12-20',
        endDate: '2026-03-20',
      }),
      aPlacement({
        youthId: 'y-4',
        status: 'EXTENDED',
        startDate: '2026-06-01',
        endDate: '2026-11-30',
        outcome: { kind: 'EXTENDED', date: '2026-09-01', details: null },
      }),
      aPlacement({
        youthId: 'y-5',
        status: 'COMPLETED',
        startDate: '2026-02-01',
        endDate: '2026-05-01',
        outcome: {
          kind: 'JOB',
          date: '2026-05-01',
          details: { what: 'Lager', where: 'Firma', startDate: '2026-05-04' },
        },
      }),
      aPlacement({
        youthId: 'y-6',
        status: 'INTERRUPTED',
        startDate: '2025-11-01',
        endDate: '2025-12-10',
        outcome: { kind: 'DROPPED_OUT', date: '2025-12-10', details: null },
      }),
      aPlacement({ municipalityCode: '101', youthId: 'y-7', status: 'ACTIVE' }),
    ]);
  });

  it('counts by status now and the flow of the calendar year by default', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('265')),
      query(),
      roskilde,
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        code: '265',
        placementStats: {
          planned: 1,
          active: 2,
          extended: 1,
          completed: 1,
          interrupted: 1,
          period: { from: '2026-01-01', to: '2026-11-26' },
          startedInPeriod: 3,
          completedInPeriod: 1,
          interruptedInPeriod: 0,
          outcomesInPeriod: [
            { kind: 'EXTENDED', count: 1 },
            { kind: 'NEW_PLACEMENT', count: 0 },
            { kind: 'EDUCATION', count: 0 },
            { kind: 'JOB', count: 1 },
            { kind: 'PAUSE', count: 0 },
            { kind: 'DROPPED_OUT', count: 0 },
          ],
        },
      },
    ]);
  });

  it('counts the flow of a given period, both days included', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, programmeIdentity()),
      query('(period: { from: "2025-11-01", to: "2025-12-20" })'),
      roskilde,
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toMatchObject([
      {
        placementStats: {
          startedInPeriod: 2,
          interruptedInPeriod: 1,
          completedInPeriod: 0,
          outcomesInPeriod: expect.arrayContaining([{ kind: 'DROPPED_OUT', count: 1 }]),
        },
      },
    ]);
  });

  it.each([
    ['ending before it begins', '(period: { from: "2026-05-01", to: "2026-04-01" })'],
    ['longer than two years', '(period: { from: "2020-01-01", to: "2026-01-01" })'],
  ])('rejects a period %s', async (_what, period) => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('265')),
      query(period),
      roskilde,
    );
    // Assess
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['the team of another municipality', staffIdentity('101')],
    ['a young person', youthIdentity('265', 'y-1')],
    ['a company contact', companyContactIdentity('c-1')],
  ])('refuses %s', async (_who, identity) => {
    // Act
    const result = await execute(server, testContext(table, identity), query(), roskilde);
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it('refuses the anonymous probe', async () => {
    // Act
    const result = await execute(server, testContext(table, null), query(), roskilde);
    // Assess
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });
});
