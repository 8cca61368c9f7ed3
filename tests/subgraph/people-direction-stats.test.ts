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
  givenTeam,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { allScored, givenSelfAssessment } from '../support/self-assessment-factories.ts';
import { createTestTable } from '../support/table.ts';

const CHANGE = 'youthAssessedTwice improved improvedShare medianChange';
const STATS = `period { from to } suppressed overall { ${CHANGE} } items { itemKey change { ${CHANGE} } }`;
const OF_MUNICIPALITY = `query ($code: ID!) {
  municipality(code: $code) { directionStats(from: "2026-10-10", to: "2026-11-20") { ${STATS} } }
}`;
const OF_PROGRAMME = `{ programmeStats(from: "2026-10-10", to: "2026-11-20") { directionStats { ${STATS} } } }`;

/**
 * A young person's answers: one before the period (every item 5, which must not count), then in
 * the period every item scored `first` and, unless null, later `latest`.
 */
async function givenTrajectory(
  table: Table,
  youthId: string,
  municipalityCode: string,
  first: number,
  latest: number | null,
): Promise<void> {
  await givenSelfAssessment(table, youthId, {
    municipalityCode,
    scores: allScored(5),
    date: '2026-09-28',
    recordedAt: '2026-09-28T09:00:00.000Z',
    occasionKey: 'ENROLMENT',
  });
  await givenSelfAssessment(table, youthId, {
    municipalityCode,
    scores: allScored(first),
    date: '2026-10-03',
    recordedAt: '2026-10-03T09:00:00.000Z',
    occasion: 'CHECKPOINT',
    occasionKey: `task-${youthId}-1`,
    taskId: `task-${youthId}-1`,
  });
  if (latest === null) return;
  await givenSelfAssessment(table, youthId, {
    municipalityCode,
    scores: allScored(latest),
    date: '2026-11-19',
    recordedAt: '2026-11-19T09:00:00.000Z',
    occasion: 'CHECKPOINT',
    occasionKey: `task-${youthId}-2`,
    taskId: `task-${youthId}-2`,
  });
}

type Stats = {
  period: { from: string; to: string };
  suppressed: boolean;
  overall: Record<string, number | null>;
  items: Array<{ itemKey: string; change: Record<string, number | null> }>;
};

describe('people subgraph: the direction figures (change from first to latest self-assessment)', () => {
  let table: Table;

  const municipalityStats = async (identity: Identity, code: string) => {
    const result = await execute(server, testContext(table, identity), OF_MUNICIPALITY, { code });
    return {
      result,
      stats: (result.data?.municipality as { directionStats: Stats } | null)?.directionStats,
    };
  };

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
    // Roskilde: 8 improve from 2 to 4, 4 fall from 3 to 2, one answers once in the period.
    for (let n = 0; n < 8; n++) await givenTrajectory(table, `y-up-${n}`, ROSKILDE, 2, 4);
    for (let n = 0; n < 4; n++) await givenTrajectory(table, `y-down-${n}`, ROSKILDE, 3, 2);
    await givenTrajectory(table, 'y-once', ROSKILDE, 1, null);
    // København: 3 improve from 1 to 2.
    for (let n = 0; n < 3; n++) await givenTrajectory(table, `y-kbh-${n}`, KOBENHAVN, 1, 2);
  });

  it('shows the team its own figures exactly, over whole months, young people answering once left out', async () => {
    // Act
    const { result, stats } = await municipalityStats(staffIdentity(ROSKILDE), ROSKILDE);
    // Assess
    expect(result.errors).toBeUndefined();
    expect(stats?.period).toEqual({ from: '2026-10-01', to: '2026-11-30' });
    expect(stats?.suppressed).toBe(false);
    // The answers of 3 October count too: the period is October and November.
    expect(stats?.overall).toEqual({
      youthAssessedTwice: 12,
      improved: 8,
      improvedShare: 8 / 12,
      medianChange: 2,
    });
    expect(stats?.items.find(({ itemKey }) => itemKey === 'WELL_BEING')?.change).toEqual(
      stats?.overall,
    );
  });

  it('counts change from the first answer of the period to the latest', async () => {
    // Act
    const { stats } = await municipalityStats(staffIdentity(KOBENHAVN), KOBENHAVN);
    // Assess
    expect(stats?.overall).toEqual({
      youthAssessedTwice: 3,
      improved: 3,
      improvedShare: 1,
      medianChange: 1,
    });
  });

  it('publishes counts rounded to 5 to the programme office, medians only over 10 or more', async () => {
    // Act
    const roskilde = await municipalityStats(programmeIdentity(), ROSKILDE);
    const kobenhavn = await municipalityStats(programmeIdentity(), KOBENHAVN);
    const programme = await execute(server, testContext(table, programmeIdentity()), OF_PROGRAMME);
    // Assess
    expect(roskilde.stats?.suppressed).toBe(true);
    expect(roskilde.stats?.overall).toEqual({
      youthAssessedTwice: 10,
      improved: 10,
      improvedShare: 1,
      medianChange: 2,
    });
    expect(kobenhavn.stats?.overall).toEqual({
      youthAssessedTwice: 5,
      improved: 5,
      improvedShare: 1,
      medianChange: null,
    });
    const total = (programme.data as { programmeStats: { directionStats: Stats } } | undefined)
      ?.programmeStats.directionStats;
    expect(total?.suppressed).toBe(true);
    expect(total?.overall).toEqual({
      youthAssessedTwice: 15,
      improved: 15,
      improvedShare: 1,
      medianChange: 2,
    });
  });

  it('refuses the figures to young people, company contacts and another municipality', async () => {
    for (const caller of [
      youthIdentity(ROSKILDE, 'y-up-0'),
      companyContactIdentity('c-direction'),
      staffIdentity(KOBENHAVN),
    ]) {
      // Act
      const { result, stats } = await municipalityStats(caller, ROSKILDE);
      // Assess
      expect(stats ?? null, caller.role).toBeNull();
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    }
    const staffAsksProgramme = await execute(
      server,
      testContext(table, staffIdentity(ROSKILDE)),
      OF_PROGRAMME,
    );
    expect(errorCodes(staffAsksProgramme)).toEqual(['FORBIDDEN']);
  });
});
