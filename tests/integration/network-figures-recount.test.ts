import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '#kernel/command';
import { monthCounterAttribute } from '#kernel/month-counters';
import type { Table } from '#kernel/table/table';
import { recordSessionAttendanceCommand } from '#learning-community/domain/network-session-commands';
import { recountNetworkFigures } from '#learning-community/maintenance/recount';
import { groupCountsKey } from '#learning-community/repository/network-stats-entity';
import { readMonthCounts } from '#learning-community/repository/network-stats-repository';
import { testContext } from '../support/context.ts';
import { staffIdentity } from '../support/identities.ts';
import { givenGroup, givenSession } from '../support/learning-factories.ts';
import { givenMunicipalities, ROSKILDE } from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

describe('recount of the network figures kept on the counter item', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
  });

  it('names each drifted month counter by its attribute and fix rewrites the item from the sessions', async () => {
    // Prepare
    const group = await givenGroup(table, { municipalityCode: ROSKILDE, members: ['m-1', 'm-2'] });
    for (const date of ['2026-03-10', '2026-04-07']) {
      const session = await givenSession(table, group, { date });
      await runCommand(
        testContext(table, staffIdentity(ROSKILDE)),
        recordSessionAttendanceCommand,
        {
          sessionId: session.id,
          expectedVersion: 1,
          attendance: [
            { memberId: 'm-1', status: 'PRESENT' },
            { memberId: 'm-2', status: 'ABSENT' },
          ],
        },
      );
    }
    const recorded = await readMonthCounts(table, ROSKILDE, {});
    await table.update(groupCountsKey(ROSKILDE), {
      add: {
        youthGroups: 1,
        [monthCounterAttribute('2026-03', 'present')]: 2,
        [monthCounterAttribute('2026-05', 'excused')]: 1,
      },
    });
    // Act
    const found = await recountNetworkFigures(table, { fix: true });
    const after = await recountNetworkFigures(table);
    // Assess
    expect(found.differences).toEqual([
      { key: groupCountsKey(ROSKILDE), counter: 'youthGroups', kept: 2, recounted: 1 },
      { key: groupCountsKey(ROSKILDE), counter: '2026-03#present', kept: 3, recounted: 1 },
      { key: groupCountsKey(ROSKILDE), counter: '2026-05#excused', kept: 1, recounted: 0 },
    ]);
    expect(found.fixed).toBe(true);
    expect(after.differences).toEqual([]);
    const month = { sessionsHeld: 1, present: 1, absent: 1, excused: 0 };
    expect(recorded).toEqual([month, month]);
    expect(await readMonthCounts(table, ROSKILDE, {})).toEqual(recorded);
  });
});
