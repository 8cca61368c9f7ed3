import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '#kernel/calendar';
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
import { givenMunicipalities } from '../support/people-factories.ts';
import {
  aPlacement,
  entitiesQuery,
  givenHost,
  givenPlacements,
  givenYoungPeople,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const query = (period = '') =>
  entitiesQuery(
    'Municipality',
    `code placementStats${period} {
      planned active extended completed interrupted suppressed
      period { from to } startedInPeriod extendedInPeriod completedInPeriod interruptedInPeriod
      endedInPeriod outcomesInPeriod { kind count } leftForEducationOrJob leftForEducationOrJobShare
      retention { monthsAfterOutcome followedUp kept lost keptShare fellBackShare }
      firstPlacements medianDaysFromEnrolmentToFirstPlacement
    }`,
  );
const roskilde = { representations: [{ __typename: 'Municipality', code: '265' }] };

describe('placements subgraph: Municipality.placementStats', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenPlacements(table, [
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
        followUps: [
          {
            step: 'FOLLOW_UP_3_MONTHS',
            outcomeKind: 'JOB',
            dueDate: '2026-08-01',
            recordedOn: '2026-08-03',
            stillThere: true,
            notes: null,
          },
        ],
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

  it('counts by status now and the flow since the programme began by default, for the own team as they are', async () => {
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
          suppressed: false,
          period: { from: '2024-01-01', to: '2026-11-26' },
          startedInPeriod: 5,
          extendedInPeriod: 1,
          completedInPeriod: 1,
          interruptedInPeriod: 1,
          endedInPeriod: 2,
          outcomesInPeriod: [
            { kind: 'EXTENDED', count: 1 },
            { kind: 'NEW_PLACEMENT', count: 0 },
            { kind: 'EDUCATION', count: 0 },
            { kind: 'JOB', count: 1 },
            { kind: 'PAUSE', count: 0 },
            { kind: 'DROPPED_OUT', count: 1 },
          ],
          leftForEducationOrJob: 1,
          leftForEducationOrJobShare: 0.5,
          retention: [
            {
              monthsAfterOutcome: 3,
              followedUp: 1,
              kept: 1,
              lost: 0,
              keptShare: 1,
              fellBackShare: 0,
            },
            {
              monthsAfterOutcome: 6,
              followedUp: 0,
              kept: 0,
              lost: 0,
              keptShare: null,
              fellBackShare: null,
            },
          ],
          firstPlacements: 0,
          medianDaysFromEnrolmentToFirstPlacement: null,
        },
      },
    ]);
  });

  it('counts the flow of the months a given period touches', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('265')),
      query('(from: "2025-11-01", to: "2025-12-20")'),
      roskilde,
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toMatchObject([
      {
        placementStats: {
          period: { from: '2025-11-01', to: '2025-12-20' },
          startedInPeriod: 2,
          interruptedInPeriod: 1,
          completedInPeriod: 0,
          outcomesInPeriod: expect.arrayContaining([{ kind: 'DROPPED_OUT', count: 1 }]),
        },
      },
    ]);
  });

  it('accepts the period as one input too, as older clients give it', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('265')),
      query('(period: { from: "2025-11-01", to: "2025-12-20" })'),
      roskilde,
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toMatchObject([{ placementStats: { startedInPeriod: 2 } }]);
  });

  it('shows the programme office every count rounded to a multiple of 5, with a flag, and shares of what is shown', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, programmeIdentity()),
      query(),
      roskilde,
    );
    // Assess: 5 started stay 5; every count of 1 or 2 publishes 0, so ended (the sum of
    // completed and interrupted as published) is 0 and its share has nothing to be a share of
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toMatchObject([
      {
        placementStats: {
          planned: 0,
          active: 0,
          completed: 0,
          suppressed: true,
          startedInPeriod: 5,
          endedInPeriod: 0,
          leftForEducationOrJobShare: null,
          outcomesInPeriod: expect.arrayContaining([
            { kind: 'NEW_PLACEMENT', count: 0 },
            { kind: 'JOB', count: 0 },
          ]),
          retention: [
            expect.objectContaining({ followedUp: 0, keptShare: null }),
            expect.objectContaining({ followedUp: 0 }),
          ],
        },
      },
    ]);
  });

  it('publishes a period to the programme office as a difference of cumulative counts', async () => {
    // Act: November to December 2025 (2 started), and the months after (3 more)
    const before = await execute(
      server,
      testContext(table, programmeIdentity()),
      query('(from: "2025-11-01", to: "2025-12-20")'),
      roskilde,
    );
    const after = await execute(
      server,
      testContext(table, programmeIdentity()),
      query('(from: "2026-01-01", to: "2026-11-26")'),
      roskilde,
    );
    // Assess: 0 − 0 and 5 − 0 (the cumulative counts 2 and 5 round to 0 and 5): never 2 or 3
    expect(before.data?._entities).toMatchObject([{ placementStats: { startedInPeriod: 0 } }]);
    expect(after.data?._entities).toMatchObject([{ placementStats: { startedInPeriod: 5 } }]);
  });

  it('gives the programme office the total as the sum of the municipalities as published', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, programmeIdentity()),
      `{ _entities(representations: [{ __typename: "ProgrammeStats", from: "2024-01-01", to: "2026-11-26" }]) {
        ... on ProgrammeStats { from placementStats { active startedInPeriod suppressed } }
      } }`,
    );
    // Assess: 3 active (2 + 1) publish 0 + 0; 6 started publish 5 + 0
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        from: '2024-01-01',
        placementStats: { active: 0, startedInPeriod: 5, suppressed: true },
      },
    ]);
  });

  it('refuses the programme total to a municipal team', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('265')),
      `{ _entities(representations: [{ __typename: "ProgrammeStats", from: "2024-01-01", to: "2026-11-26" }]) {
        ... on ProgrammeStats { placementStats { active } }
      } }`,
    );
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it('tells the programme office that a code running no NEXTWORK does not exist', async () => {
    // Act
    const result = await execute(server, testContext(table, programmeIdentity()), query(), {
      representations: [{ __typename: 'Municipality', code: '999' }],
    });
    // Assess
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });

  it.each([
    ['ending before it begins', '(from: "2026-05-01", to: "2026-04-01")'],
    ['longer than five years', '(from: "2020-01-01", to: "2026-01-01")'],
    ['given both ways', '(from: "2026-01-01", period: { from: "2026-01-01", to: "2026-02-01" })'],
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

  it('keeps the days from enrolment to the first placement as weeks and shows their median', async () => {
    // Prepare
    const sonderborg = testContext(table, staffIdentity('540'), new Date('2026-11-26T10:00:00Z'));
    await givenHost(table, 'c-540', '540', { places: 10 });
    await givenYoungPeople(table, '540', ['y-540-1'], 'ENROLLED', '2026-09-01');
    await givenYoungPeople(table, '540', ['y-540-2'], 'ENROLLED', '2026-08-01');
    await givenYoungPeople(table, '540', ['y-540-3'], 'ENROLLED', '2026-01-05');
    const create = (youthId: string, startDate: string) =>
      execute(
        server,
        sonderborg,
        `mutation ($input: CreatePlacementInput!) { createPlacement(input: $input) { errors { code } } }`,
        {
          input: {
            youthId,
            opportunityId: 'c-540-opp',
            mentorContactId: 'c-540-contact',
            startDate,
            endDate: addDays(startDate, 20),
            weeklyHours: 20,
            plan: { goals: ['a'], tasks: ['b'], support: ['c'] },
          },
        },
      );
    // Act: 10, 75 and 300 days after enrolment; a second placement is no first one
    await create('y-540-1', '2026-09-11');
    await create('y-540-2', '2026-10-15');
    await create('y-540-3', '2026-11-01');
    await create('y-540-1', '2026-11-10');
    const result = await execute(server, sonderborg, query(), {
      representations: [{ __typename: 'Municipality', code: '540' }],
    });
    // Assess: the median is the middle week's middle day (75 days is week 10: 73)
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toMatchObject([
      {
        placementStats: {
          startedInPeriod: 4,
          firstPlacements: 3,
          medianDaysFromEnrolmentToFirstPlacement: 73,
        },
      },
    ]);
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
