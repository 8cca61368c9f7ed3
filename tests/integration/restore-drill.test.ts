import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalLifecycle, startLocalLifecycle } from '#infra/local/lifecycle/local-lifecycle';
import { copyTableAsOfNow } from '#infra/local/point-in-time-copy';
import { recountAll } from '#infra/local/recount-all';
import { runCommand } from '#kernel/command';
import { createItemLoader } from '#kernel/entity-loader';
import { FileExportSink } from '#kernel/export-sink';
import type { Table } from '#kernel/table/table';
import { ERASURE_LEDGER, ErasureLedgerEntrySchema } from '#people/domain/erasure-ledger';
import { reapplyErasures } from '#people/maintenance/reapply-erasures';
import { youthKey } from '#people/repository/youth-entity';
import { prepareYouthStatusChange } from '#people/repository/youth-status-transition';
import { server as peopleServer } from '#people/server';
import { completePlacementCheckpointCommand } from '#placements/domain/lifecycle-commands';
import type { Placement } from '#placements/domain/placement';
import { listTasksOfPlacement } from '#placements/repository/lifecycle-task-repository';
import { loadPlacement } from '#placements/repository/placement-repository';
import { testContext, testServices } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import { eventually, ManualLifecycleClock } from '../support/lifecycle-harness.ts';
import {
  dataProtectionOfficerIdentity,
  givenMunicipalities,
  givenTeam,
  givenYouth,
  ROSKILDE,
} from '../support/people-factories.ts';
import { executionInputOf, givenRunningLifecycle } from '../support/running-lifecycle.ts';
import { createTestTable } from '../support/table.ts';

/**
 * The restore drill of docs/runbook.md, locally: a table seeded, a moment noted, changes after
 * it (a lifecycle task completed, an erasure, a status change), the table as of that moment
 * copied into a new table with a new name (the stand-in for a point-in-time restore), the
 * lifecycle pointed at it, reconciled, the erasures re-applied — and the figures recount clean,
 * the erased young person gone, the completed task open again.
 */

const ERASE = `mutation ($input: EraseYouthInput!) {
  eraseYouth(input: $input) { erasure { youthId } errors { code } }
}`;

describe('the restore drill', () => {
  let live: Table;
  let clock: ManualLifecycleClock;
  let lifecycle: LocalLifecycle;
  let sink: FileExportSink;
  let exportsDir: string;

  beforeAll(async () => {
    live = await createTestTable();
    await givenMunicipalities(live);
    await givenTeam(live, ROSKILDE);
    // The check-in is due today: it opens, and nothing reminds or escalates it meanwhile.
    clock = new ManualLifecycleClock('2026-10-15');
    // A step that lost a race with the consultant is retried in milliseconds, not the definition's seconds.
    lifecycle = await startLocalLifecycle({ table: live, clock, retryIntervalDivisor: 1000 });
    exportsDir = await mkdtemp(join(tmpdir(), 'restore-drill-'));
    sink = new FileExportSink(exportsDir);
  });

  const stored = async (table: Table, placementId: string) =>
    (await loadPlacement(createItemLoader(table), placementId)) as Placement;

  afterAll(async () => {
    await lifecycle?.stop();
  });

  it('brings a restored table, its lifecycles and its erasures together, and its figures recount clean', async () => {
    // Prepare: the seed, and its lifecycle waiting on the check-in
    const placement = await givenRunningLifecycle(live);
    const staying = await givenYouth(live, {
      municipalityCode: ROSKILDE,
      enrolledAt: '2026-09-07',
    });
    const leaving = await givenYouth(live, {
      municipalityCode: ROSKILDE,
      enrolledAt: '2026-09-14',
    });
    const first = placement.lifecycle.executionId;
    await lifecycle.engine.startExecution(first, executionInputOf(placement));
    await eventually(() => lifecycle.engine.isWaitingOn(first, 'CHECK_IN'), 'check-in open');
    // The placement factories keep no first-placement figures: made whole, so the drill starts
    // from a table whose figures agree.
    await recountAll(live, { fix: true });
    const seeded = await recountAll(live);
    // The moment: what a point-in-time restore to it brings back, as a new table
    const restored = await copyTableAsOfNow(live, `${live.name}-restored-20261110`);
    const restorePoint = new Date(clock.now()).toISOString();
    // After it: the check-in done, a status change, an erasure
    const staff = testContext(live, staffIdentity(ROSKILDE), new Date(clock.now()), {
      workflows: lifecycle.engine,
    });
    const [checkIn] = await listTasksOfPlacement(live, placement.id);
    await runCommand(staff, completePlacementCheckpointCommand, {
      placementId: placement.id,
      step: 'CHECK_IN',
      completedOn: clock.today(),
      expectedVersion: checkIn?.version ?? 0,
    });
    await eventually(
      async () => (await stored(live, placement.id)).lifecycle?.step === 'MIDWAY_EVALUATION',
      'the lifecycle moved on to the midway evaluation',
    );
    await live.transact(
      await prepareYouthStatusChange(live, {
        youthId: staying.id,
        status: 'PAUSED',
        date: clock.today(),
        reason: 'Drill',
      }),
    );
    const dpo = testContext(live, dataProtectionOfficerIdentity(ROSKILDE), new Date(clock.now()), {
      exports: sink,
    });
    await execute(peopleServer, dpo, ERASE, {
      input: { youthId: leaving.id, reason: 'CONSENT_WITHDRAWN' },
    });
    const folder = join(exportsDir, ERASURE_LEDGER);
    const ledger = await Promise.all(
      (await readdir(folder)).map(async (file) =>
        ErasureLedgerEntrySchema.parse(JSON.parse(await readFile(join(folder, file), 'utf8'))),
      ),
    );
    const cameBack = await restored.get(youthKey(leaving.id));
    // Act: the runbook's steps on the restored table
    clock.set('2026-10-16');
    lifecycle.useTable(restored);
    const reconciled = await lifecycle.reconcile({
      executionsStartedBefore: '2026-10-16T00:00:00.000Z',
    });
    const reapplied = await reapplyErasures(
      restored,
      testServices(restored, { exports: sink }),
      ledger,
      restorePoint,
      new Date(clock.now()),
    );
    const recounted = await recountAll(restored);
    const liveRecount = await recountAll(live);
    // Assess
    expect(seeded.flatMap((report) => report.differences)).toEqual([]);
    expect(cameBack).toBeDefined();
    expect(reconciled.restarted.map((r) => r.placementId)).toEqual([placement.id]);
    await eventually(
      () => lifecycle.engine.isWaitingOn(`${first}-r1`, 'CHECK_IN'),
      'the check-in reopened under the next execution',
    );
    expect(reapplied).toMatchObject({ erased: [leaving.id], failed: [] });
    expect(await restored.get(youthKey(leaving.id))).toBeUndefined();
    expect((await restored.get(youthKey(staying.id)))?.status).toBe('ENROLLED');
    expect(recounted.flatMap((report) => report.differences)).toEqual([]);
    expect(liveRecount.flatMap((report) => report.differences)).toEqual([]);
    expect((await stored(restored, placement.id)).lifecycle).toMatchObject({
      step: 'CHECK_IN',
      restarts: 1,
    });
  });
});
