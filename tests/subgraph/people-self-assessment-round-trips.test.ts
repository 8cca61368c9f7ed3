import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import { countRoundTrips, type RoundTripCounter } from '#kernel/table/round-trips';
import type { Table } from '#kernel/table/table';
import { server } from '#people/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { programmeIdentity, staffIdentity } from '../support/identities.ts';
import {
  givenMunicipalities,
  givenTeam,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { allScored, givenSelfAssessment } from '../support/self-assessment-factories.ts';
import { createTestTable } from '../support/table.ts';

const LISTING = `query ($first: Int) { municipality(code: "${ROSKILDE}") {
  youth(first: $first) { edges { node { id selfAssessmentDue } } }
} }`;

const PROGRAMME = `{ programmeStats(from: "2026-01-01", to: "2026-11-26") {
  directionStats { overall { youthAssessedTwice medianChange } }
} }`;

describe('people subgraph: self-assessments cost round trips that do not grow with the data', () => {
  let table: Table;
  let counter: RoundTripCounter;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    for (let i = 0; i < 40; i++) {
      const { id } = await givenYouth(table);
      if (i % 2 === 0) await givenSelfAssessment(table, id, { date: '2026-03-02' });
    }
    counter = countRoundTrips(table.client);
  });

  async function roundTripsOf(
    identity: Identity,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<number> {
    counter.reset();
    const result = await execute(server, testContext(table, identity), query, variables);
    expect(result.errors).toBeUndefined();
    return counter.total();
  }

  it('tells whether the enrolment assessment is due for 40 young people in as many round trips as for 4', async () => {
    // Act
    const few = await roundTripsOf(staffIdentity(ROSKILDE), LISTING, { first: 4 });
    const many = await roundTripsOf(staffIdentity(ROSKILDE), LISTING, { first: 40 });
    // Assess
    expect(many).toBe(few);
  });

  it('counts the programme’s direction figures in the same round trips for ten times the answers', async () => {
    // Prepare
    const before = await roundTripsOf(programmeIdentity(), PROGRAMME);
    for (let i = 0; i < 40; i++) {
      await givenSelfAssessment(table, `y-more-${i}`, {
        municipalityCode: i % 2 === 0 ? ROSKILDE : KOBENHAVN,
        date: '2026-05-04',
        recordedAt: '2026-05-04T09:00:00.000Z',
        occasionKey: `task-more-${i}`,
        occasion: 'CHECKPOINT',
        taskId: `task-more-${i}`,
        scores: allScored(4),
      });
    }
    // Act
    const after = await roundTripsOf(programmeIdentity(), PROGRAMME);
    // Assess: the list of municipalities (two here), then one query of each one's index.
    expect(after).toBe(before);
    expect(after).toBe(1 + 2);
  });
});
