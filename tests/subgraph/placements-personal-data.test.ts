import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { collectPlacementsData } from '#placements/data-subject/placements-data-subject';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import {
  aHost,
  aLifecycleTask,
  aPlacement,
  givenHosts,
  givenLifecycleTasks,
  givenPlacements,
  givenYoungPeople,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

/**
 * The lifecycle's notes are free text about a young person: a staff member's read of them is
 * audited, on every path that hands them out, and they are in the young person's art. 15 export.
 */

const NOTE = 'Talte om søvn og mødetider';
const FOLLOW_UP_NOTE = 'Stadig i job, trives';

describe("placements subgraph: the lifecycle's notes are audited and exported", () => {
  let table: Table;
  const run = (identity: Identity, query: string) =>
    execute<Record<string, unknown>>(server, testContext(table, identity), query);

  /** The READ records in a young person's trail. */
  const readsOf = async (youthId: string) =>
    (await table.queryAll({ partition: AUDIT_KEYS.youthPartition(youthId) }))
      .filter((item) => item.action === 'READ')
      .map((item) => String(item.target));

  beforeAll(async () => {
    table = await createTestTable();
    await givenYoungPeople(table, '265', ['y-notes', 'y-list', 'y-follow'], 'IN_PLACEMENT');
    await givenHosts(table, aHost('c-notes', '265'));
    await givenPlacements(table, [
      aPlacement({ id: 'p-notes', youthId: 'y-notes', companyId: 'c-notes' }),
      aPlacement({ id: 'p-list', youthId: 'y-list', companyId: 'c-notes' }),
      aPlacement({
        id: 'p-follow',
        youthId: 'y-follow',
        companyId: 'c-notes',
        followUps: [
          {
            step: 'FOLLOW_UP_3_MONTHS',
            outcomeKind: 'JOB',
            dueDate: '2026-10-01',
            recordedOn: '2026-10-02',
            stillThere: true,
            notes: FOLLOW_UP_NOTE,
          },
        ],
      }),
    ]);
    await givenLifecycleTasks(
      table,
      aLifecycleTask({
        placementId: 'p-notes',
        status: 'DONE',
        completedOn: '2026-10-14',
        notes: NOTE,
        taskToken: 'secret-token',
      }),
      aLifecycleTask({ placementId: 'p-list', notes: NOTE }),
    );
  });

  it("records a READ of the young person when staff read a task's notes on the placement", async () => {
    // Act
    const result = await run(
      staffIdentity('265'),
      '{ placement(id: "p-notes") { lifecycleTasks { notes } } }',
    );
    // Assess
    expect(result.data?.placement).toEqual({ lifecycleTasks: [{ notes: NOTE }] });
    expect(await readsOf('y-notes')).toContain('LifecycleTask.notes');
  });

  it("records a READ of the young person when staff read a task's notes in their own list", async () => {
    // Act
    const result = await run(
      staffIdentity('265'),
      '{ myLifecycleTasks { edges { node { id notes } } } }',
    );
    // Assess
    expect(JSON.stringify(result.data)).toContain(NOTE);
    expect(await readsOf('y-list')).toEqual(['LifecycleTask.notes']);
  });

  it("records no READ for a task read without its notes (the step's title names no one)", async () => {
    // Prepare
    const before = await readsOf('y-list');
    // Act
    const result = await run(
      staffIdentity('265'),
      '{ myLifecycleTasks { edges { node { title } } } }',
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(await readsOf('y-list')).toEqual(before);
  });

  it('records a READ of the young person when staff read the follow-ups', async () => {
    // Act
    const result = await run(
      staffIdentity('265'),
      '{ placement(id: "p-follow") { followUps { stillThere notes } } }',
    );
    // Assess
    expect(result.data?.placement).toEqual({
      followUps: [{ stillThere: true, notes: FOLLOW_UP_NOTE }],
    });
    expect(await readsOf('y-follow')).toContain('Placement.followUps');
  });

  it('puts the lifecycle tasks and follow-ups, notes and all, in the art. 15 export', async () => {
    // Act
    const sections = await collectPlacementsData(table, 'y-notes');
    const followed = await collectPlacementsData(table, 'y-follow');
    // Assess
    expect(sections.lifecycleTasks).toEqual([
      expect.objectContaining({ placementId: 'p-notes', step: 'CHECK_IN', notes: NOTE }),
    ]);
    expect(JSON.stringify(sections)).not.toContain('secret-token');
    expect(JSON.stringify(followed.placements)).toContain(FOLLOW_UP_NOTE);
  });
});
