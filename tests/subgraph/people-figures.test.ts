import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { server } from '#people/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import {
  givenMunicipalities,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

const FIGURES = `
  total enrolled inPlacement inEducation inJob paused exited suppressed
  period { from to }
  enrolledInPeriod
  statusChangesInPeriod { total toEnrolled toInPlacement toInEducation toInJob toPaused toExited }
  leftForEducationOrJob leftForEducationOrJobShare
  followUps { monthsAfterEnrolment youthFollowedUp inEducationOrJob share }
  averageWeeksInEducationOrJobFirstYear averageWeeksOnPassiveSupportFirstYear
  fellBack fellBackShare
  targets { intoEducationOrJob { target actual met } fallingBack { target actual met } }`;

const MUNICIPALITY = `query ($code: ID!, $from: Date, $to: Date) {
  municipality(code: $code) { youthStats(from: $from, to: $to) { ${FIGURES} } }
}`;

const PROGRAMME = `query ($from: Date, $to: Date) {
  municipalities { code youthStats(from: $from, to: $to) { ${FIGURES} } }
  programmeStats(from: $from, to: $to) { from to youthStats { ${FIGURES} } }
}`;

const PERIOD = { from: '2025-06-01', to: '2026-11-26' };

type Figures = Record<string, unknown> & {
  statusChangesInPeriod: Record<string, number | null>;
  followUps: Array<Record<string, number | null>>;
};

/** Every count of a figures object, flattened to `name: value`. */
function countsOf(figures: Figures): Record<string, number | null> {
  const counts: Record<string, number | null> = {};
  for (const name of ['total', 'enrolled', 'inEducation', 'inJob', 'enrolledInPeriod']) {
    counts[name] = figures[name] as number | null;
  }
  for (const name of ['leftForEducationOrJob', 'fellBack']) {
    counts[name] = figures[name] as number | null;
  }
  for (const [name, value] of Object.entries(figures.statusChangesInPeriod)) {
    counts[`changes.${name}`] = value;
  }
  for (const followUp of figures.followUps) {
    counts[`followed${followUp.monthsAfterEnrolment}`] = followUp.youthFollowedUp ?? null;
    counts[`in${followUp.monthsAfterEnrolment}`] = followUp.inEducationOrJob ?? null;
  }
  return counts;
}

describe('people subgraph: the programme figures of young people', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    const roskilde = { municipalityCode: ROSKILDE, enrolledAt: '2025-06-02' };
    for (let i = 0; i < 6; i++) await givenYouth(table, roskilde, ['IN_EDUCATION']);
    await givenYouth(table, roskilde, ['IN_JOB', 'ENROLLED']);
    for (let i = 0; i < 2; i++) await givenYouth(table, roskilde);
    const kobenhavn = { municipalityCode: KOBENHAVN, enrolledAt: '2025-06-02' };
    for (let i = 0; i < 3; i++) await givenYouth(table, kobenhavn);
  });

  it("gives the municipality's team its figures as they are, against the targets", async () => {
    // Act
    const result = await execute<{ municipality: { youthStats: Figures } }>(
      server,
      testContext(table, staffIdentity(ROSKILDE)),
      MUNICIPALITY,
      { code: ROSKILDE, ...PERIOD },
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?.municipality.youthStats).toEqual({
      total: 9,
      enrolled: 3,
      inPlacement: 0,
      inEducation: 6,
      inJob: 0,
      paused: 0,
      exited: 0,
      suppressed: false,
      period: PERIOD,
      enrolledInPeriod: 9,
      statusChangesInPeriod: {
        total: 8,
        toEnrolled: 1,
        toInPlacement: 0,
        toInEducation: 6,
        toInJob: 1,
        toPaused: 0,
        toExited: 0,
      },
      leftForEducationOrJob: 7,
      leftForEducationOrJobShare: 7 / 9,
      followUps: [3, 6, 12].map((months) => ({
        monthsAfterEnrolment: months,
        youthFollowedUp: 9,
        inEducationOrJob: 6,
        share: 6 / 9,
      })),
      // Six in education from the second week (51 weeks), one a week in a job.
      averageWeeksInEducationOrJobFirstYear: (6 * 51 + 1) / 9,
      // Weeks enrolled with nothing recorded (#21): the six their first week each, the one in a
      // job all weeks but that one (51), the two still enrolled all 52.
      averageWeeksOnPassiveSupportFirstYear: (6 * 1 + 51 + 2 * 52) / 9,
      fellBack: 1,
      fellBackShare: 1 / 7,
      targets: {
        intoEducationOrJob: { target: 0.75, actual: 6 / 9, met: false },
        fallingBack: { target: 0.15, actual: 1 / 7, met: true },
      },
    });
  });

  it('sums only the months of a period', async () => {
    // Act
    const result = await execute<{ municipality: { youthStats: Figures } }>(
      server,
      testContext(table, staffIdentity(ROSKILDE)),
      MUNICIPALITY,
      { code: ROSKILDE, from: '2025-07-01', to: '2025-12-31' },
    );
    // Assess
    expect(result.data?.municipality.youthStats).toMatchObject({
      total: 9,
      enrolledInPeriod: 0,
      statusChangesInPeriod: { total: 0 },
      followUps: [{ youthFollowedUp: 0, share: null }, {}, {}],
    });
  });

  it('publishes every count to the programme office as a multiple of 5, totals as sums of what is published', async () => {
    // Act
    const result = await execute<{
      municipalities: Array<{ code: string; youthStats: Figures }>;
      programmeStats: { from: string; to: string; youthStats: Figures };
    }>(server, testContext(table, programmeIdentity()), PROGRAMME, PERIOD);
    // Assess
    expect(result.errors).toBeUndefined();
    const byCode = new Map(result.data?.municipalities.map((m) => [m.code, m.youthStats]));
    const total = result.data?.programmeStats.youthStats as Figures;
    // København's 3 enrolled round to 5 (so does its total, the sum of the statuses).
    expect(byCode.get(KOBENHAVN)).toMatchObject({
      total: 5,
      enrolled: 5,
      enrolledInPeriod: 5,
      suppressed: true,
    });
    // Roskilde: 3 enrolled and 6 in education round to 5 each, the total is their sum (10, not
    // the 9 counted); 1 into a job and 1 fallen back round to 0; 7 left for education or a job
    // round to 5, so the share is of the counts as shown.
    expect(byCode.get(ROSKILDE)).toMatchObject({
      total: 10,
      enrolled: 5,
      inEducation: 5,
      inJob: 0,
      enrolledInPeriod: 10,
      statusChangesInPeriod: { total: 5, toEnrolled: 0, toInEducation: 5, toInJob: 0 },
      leftForEducationOrJob: 5,
      leftForEducationOrJobShare: 5 / 10,
      followUps: [3, 6, 12].map(() => ({ youthFollowedUp: 10, inEducationOrJob: 5, share: 0.5 })),
      // Over 10 as published, the average is shown, of the people counted, in whole weeks (the
      // exact 307 / 9 would give the 9 followed up away).
      averageWeeksInEducationOrJobFirstYear: 34,
      // 161 / 9 = 17.9 weeks on passive support, in whole weeks.
      averageWeeksOnPassiveSupportFirstYear: 18,
      fellBack: 0,
      fellBackShare: 0,
      suppressed: true,
    });
    // The total is the sum of the municipalities as published: 15, not the 12 counted.
    expect(total).toMatchObject({ total: 15, enrolled: 10, enrolledInPeriod: 15, fellBack: 0 });
    const columns = [...byCode.values()].map(countsOf);
    for (const [name, value] of Object.entries(countsOf(total))) {
      expect(value, name).toBe(columns.reduce((sum, counts) => sum + (counts[name] ?? 0), 0));
      for (const counts of [...columns, countsOf(total)]) {
        expect((counts[name] ?? 0) % 5, name).toBe(0);
      }
    }
  });

  it('publishes a period to the programme office as a difference of cumulative counts', async () => {
    // Act: June alone (9 enrolled in Roskilde), and the months after it (none)
    const june = await execute<{ municipality: { youthStats: Figures } }>(
      server,
      testContext(table, programmeIdentity()),
      MUNICIPALITY,
      { code: ROSKILDE, from: '2025-06-01', to: '2025-06-30' },
    );
    const later = await execute<{ municipality: { youthStats: Figures } }>(
      server,
      testContext(table, programmeIdentity()),
      MUNICIPALITY,
      { code: ROSKILDE, from: '2025-07-01', to: '2025-12-31' },
    );
    // Assess: 10 − 0 and 10 − 10, whichever day of a month a period starts or ends on
    expect(june.data?.municipality.youthStats).toMatchObject({
      enrolledInPeriod: 10,
      averageWeeksInEducationOrJobFirstYear: 34,
    });
    expect(later.data?.municipality.youthStats).toMatchObject({
      enrolledInPeriod: 0,
      followUps: [{ youthFollowedUp: 0, share: null }, {}, {}],
      averageWeeksInEducationOrJobFirstYear: null,
      averageWeeksOnPassiveSupportFirstYear: null,
    });
  });

  it.each([
    ["another municipality's team", staffIdentity(KOBENHAVN)],
    ['a young person', youthIdentity(ROSKILDE, 'y-any')],
    ['a company contact', companyContactIdentity('c-roskilde')],
  ] as Array<[string, Identity]>)("refuses %s Roskilde's figures", async (_who, identity) => {
    // Act
    const result = await execute(server, testContext(table, identity), MUNICIPALITY, {
      code: ROSKILDE,
    });
    // Assess
    expect(result.data?.municipality).toEqual({ youthStats: null });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['staff', staffIdentity(ROSKILDE)],
    ['a young person', youthIdentity(ROSKILDE, 'y-any')],
  ] as Array<[string, Identity]>)('refuses %s the programme total', async (_who, identity) => {
    // Act
    const result = await execute(
      server,
      testContext(table, identity),
      '{ programmeStats { youthStats { total } } }',
    );
    // Assess
    expect(result.data?.programmeStats).toBeNull();
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it('refuses the programme total through an entity reference to anyone else', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity(ROSKILDE)),
      `{ _entities(representations: [{ __typename: "ProgrammeStats", from: "2026-01-01", to: "2026-06-30" }]) {
        ... on ProgrammeStats { youthStats { total } } } }`,
    );
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['ends before it starts', { from: '2026-06-01', to: '2026-05-31' }],
    ['is longer than five years', { from: '2020-01-01', to: '2026-06-30' }],
    ['is not a date', { from: '2026-13-01' }],
  ])('refuses a period that %s', async (_what, period) => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity(ROSKILDE)),
      MUNICIPALITY,
      {
        code: ROSKILDE,
        ...period,
      },
    );
    // Assess
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});
