import { beforeEach, describe, expect, it } from 'vitest';
import type { Table } from '#kernel/table/table';
import { countChosenPlacements } from '#placements/migrations/0023-count-chosen-placements';
import { PlacementEntity } from '#placements/repository/placement-entity';
import {
  PlacementCountersEntity,
  statusCountersKey,
} from '#placements/repository/placement-stats-entity';
import { aCheckpoint } from '../support/migration-checkpoint.ts';
import { givenMunicipalities, KOBENHAVN, ROSKILDE } from '../support/people-factories.ts';
import { aPlacement, givenYoungPeople } from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

/** The chosen placements counted, by month, in a municipality. */
async function chosenCounted(table: Table, code: string): Promise<Record<string, number>> {
  const kept = await PlacementCountersEntity.read(table, statusCountersKey(code));
  return Object.fromEntries(
    Object.entries(kept?.months ?? {})
      .map(([month, counters]) => [month, counters.STARTED_CHOSEN ?? 0] as const)
      .filter(([, n]) => n > 0),
  );
}

describe('placements the young person chose, stored before they were counted (migration 0023)', () => {
  let table: Table;

  beforeEach(async () => {
    // Prepare: placements as stored before the fidelity figures — the items, no counter of them
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenYoungPeople(table, ROSKILDE, ['y-1', 'y-2', 'y-3', 'y-4'], 'IN_PLACEMENT');
    await givenYoungPeople(table, KOBENHAVN, ['y-9'], 'IN_PLACEMENT');
    const stored = [
      aPlacement({ youthId: 'y-1', startDate: '2026-09-07', status: 'ACTIVE' }),
      aPlacement({
        youthId: 'y-2',
        startDate: '2026-09-14',
        status: 'ACTIVE',
        origin: { kind: 'WISH', wishId: 'w-1', invitationId: null },
      }),
      aPlacement({
        youthId: 'y-3',
        startDate: '2026-10-05',
        status: 'ACTIVE',
        origin: { kind: 'INVITATION', wishId: null, invitationId: 'i-1' },
      }),
      // Not started: not counted until it starts.
      aPlacement({
        youthId: 'y-4',
        startDate: '2026-12-01',
        status: 'PLANNED',
        origin: { kind: 'WISH', wishId: 'w-4', invitationId: null },
      }),
      aPlacement({
        youthId: 'y-9',
        municipalityCode: KOBENHAVN,
        startDate: '2026-10-12',
        status: 'ACTIVE',
        origin: { kind: 'WISH', wishId: 'w-9', invitationId: null },
      }),
    ];
    await table.putMany(stored.map((placement) => PlacementEntity.toItem(placement)));
  });

  it('counts the chosen started placements once, by the month they started; a second run adds nothing', async () => {
    // Act
    const first = aCheckpoint();
    await countChosenPlacements.run(table, first);
    const afterFirst = await chosenCounted(table, ROSKILDE);
    const second = aCheckpoint();
    await countChosenPlacements.run(table, second);
    // Assess
    expect(afterFirst).toEqual({ '2026-09': 1, '2026-10': 1 });
    expect(await chosenCounted(table, KOBENHAVN)).toEqual({ '2026-10': 1 });
    expect(first.touched).toBe(2);
    expect(second.touched).toBe(0);
    expect(await chosenCounted(table, ROSKILDE)).toEqual(afterFirst);
  });

  it('resumes after the last municipality it finished', async () => {
    // Prepare: København (101) comes before Roskilde (265); a run stopped after it
    const resumed = aCheckpoint({ code: KOBENHAVN });
    // Act
    await countChosenPlacements.run(table, resumed);
    // Assess
    expect(await chosenCounted(table, KOBENHAVN)).toEqual({});
    expect(await chosenCounted(table, ROSKILDE)).toEqual({ '2026-09': 1, '2026-10': 1 });
    expect(resumed.saved).toEqual([{ code: ROSKILDE }]);
  });
});
