import { beforeAll, describe, expect, it } from 'vitest';
import { createItemLoader } from '#kernel/entity-loader';
import type { Checkpoint, Position } from '#kernel/migrations/migration';
import type { Table } from '#kernel/table/table';
import type { PlacementOutcome } from '#placements/domain/placement';
import { completeEarlyLeavers } from '#placements/migrations/0006-early-leavers-completed';
import { loadPlacement } from '#placements/repository/placement-repository';
import {
  noCounters,
  PlacementCountersEntity,
  statusCountersKey,
} from '#placements/repository/placement-stats-entity';
import { givenMunicipalities, ROSKILDE } from '../support/people-factories.ts';
import { aPlacement, givenPlacements, givenYoungPeople } from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

/** A checkpoint that starts afresh and sums what the migration reports it touched. */
function countingCheckpoint(): Checkpoint & { touched: number } {
  const checkpoint = {
    resumeFrom: undefined,
    touched: 0,
    async save(_position: Position, touched: number) {
      checkpoint.touched += touched;
    },
  };
  return checkpoint;
}

const reflection = { whatHappened: 'Fik job', whatWasLearned: 'Mødestabilitet', whatNext: 'Job' };

function ended(kind: PlacementOutcome['kind']): PlacementOutcome {
  const details =
    kind === 'JOB' || kind === 'EDUCATION'
      ? { what: 'Noget', where: 'Et sted', startDate: '2026-11-16' }
      : null;
  return { kind, date: '2026-11-13', details };
}

/** The counters of Roskilde's placements: by status now, and November's. */
async function roskildeCounters(table: Table) {
  const item = await table.get(statusCountersKey(ROSKILDE));
  const counters = item ? PlacementCountersEntity.fromItem(item) : noCounters(ROSKILDE);
  return {
    now: counters.counts,
    october: counters.months['2026-10'] ?? {},
    november: counters.months['2026-11'] ?? {},
  };
}

describe('placements left early for education or a job, stored as interrupted, completed (migration 0006)', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenYoungPeople(table, ROSKILDE, ['y-job', 'y-edu', 'y-pause', 'y-done'], 'IN_JOB');
    // The old shape: interruptPlacement stored an early leaver as INTERRUPTED and counted it so.
    await givenPlacements(table, [
      aPlacement({
        id: 'p-job',
        youthId: 'y-job',
        status: 'INTERRUPTED',
        endDate: '2026-11-13',
        outcome: ended('JOB'),
        learningReflection: reflection,
      }),
      aPlacement({
        id: 'p-edu',
        youthId: 'y-edu',
        status: 'INTERRUPTED',
        endDate: '2026-11-13',
        outcome: ended('EDUCATION'),
        learningReflection: reflection,
      }),
      aPlacement({
        id: 'p-pause',
        youthId: 'y-pause',
        status: 'INTERRUPTED',
        endDate: '2026-11-13',
        outcome: ended('PAUSE'),
        learningReflection: reflection,
      }),
      aPlacement({
        id: 'p-done',
        youthId: 'y-done',
        status: 'COMPLETED',
        endDate: '2026-11-13',
        outcome: ended('JOB'),
      }),
    ]);
  });

  it('completes the early leavers, moves their counts from interrupted to completed, and a second run changes nothing', async () => {
    // Prepare
    const before = await roskildeCounters(table);
    const first = countingCheckpoint();
    const second = countingCheckpoint();
    // Act
    await completeEarlyLeavers.run(table, first);
    const afterFirst = await roskildeCounters(table);
    await completeEarlyLeavers.run(table, second);
    // Assess
    expect(before.now).toMatchObject({ INTERRUPTED: 3, COMPLETED: 1 });
    expect(before.november).toMatchObject({ INTERRUPTED: 3, COMPLETED: 1, OUTCOME_JOB: 2 });
    expect(first.touched).toBe(2);
    const loader = createItemLoader(table);
    const statusOf = async (id: string) => (await loadPlacement(loader, id))?.status;
    expect(await statusOf('p-job')).toBe('COMPLETED');
    expect(await statusOf('p-edu')).toBe('COMPLETED');
    expect(await statusOf('p-pause')).toBe('INTERRUPTED');
    expect((await loadPlacement(loader, 'p-job'))?.learningReflection).toEqual(reflection);
    expect(afterFirst.now).toMatchObject({ INTERRUPTED: 1, COMPLETED: 3 });
    expect(afterFirst.november).toMatchObject({
      INTERRUPTED: 1,
      COMPLETED: 3,
      OUTCOME_JOB: 2,
      OUTCOME_EDUCATION: 1,
    });
    expect(afterFirst.october).toEqual(before.october);
    expect(second.touched).toBe(0);
    expect(await roskildeCounters(table)).toEqual(afterFirst);
  });
});
