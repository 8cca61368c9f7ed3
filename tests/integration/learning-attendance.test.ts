import { beforeAll, describe, expect, it } from 'vitest';
import { commitSystemWork, runCommand } from '#kernel/command';
import { createItemLoader } from '#kernel/entity-loader';
import { ConflictError } from '#kernel/errors';
import { logger } from '#kernel/logger';
import type { Table } from '#kernel/table/table';
import { UnitOfWork } from '#kernel/unit-of-work';
import type { NetworkGroup } from '#learning-community/domain/network-group';
import { type NetworkSession, withAttendance } from '#learning-community/domain/network-session';
import { recordSessionAttendanceCommand } from '#learning-community/domain/network-session-commands';
import { readAttendanceTotals } from '#learning-community/repository/attendance-repository';
import { groupKey, NetworkGroupEntity } from '#learning-community/repository/network-group-entity';
import { stageGroupChange } from '#learning-community/repository/network-group-repository';
import {
  NetworkSessionEntity,
  sessionKey,
} from '#learning-community/repository/network-session-entity';
import { stageAttendance } from '#learning-community/repository/network-session-repository';
import { readMonthCounts } from '#learning-community/repository/network-stats-repository';
import { testContext } from '../support/context.ts';
import { staffIdentity } from '../support/identities.ts';
import { givenGroup, givenSession } from '../support/learning-factories.ts';
import { createTestTable } from '../support/table.ts';

const ids = (prefix: string) => Array.from({ length: 24 }, (_, i) => `${prefix}-${i + 1}`);
const staff = (table: Table) => testContext(table, staffIdentity('101'));

/** Commits one unit of work outside a request, as a concurrent writer would. */
async function commit(table: Table, stage: (work: UnitOfWork) => void): Promise<void> {
  const work = new UnitOfWork();
  stage(work);
  await commitSystemWork(table, work, { logger });
}

/** Stages a recording of a session as read, checked against the group as read. */
function recording(
  group: NetworkGroup,
  before: NetworkSession,
  attendance: NetworkSession['attendance'],
  now: Date,
) {
  return (work: UnitOfWork) =>
    stageAttendance(work, group, before, withAttendance(before, group, attendance, now));
}

describe('attendance writes against DynamoDB Local', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
  });

  it('replaces a list with another in one transaction, up to what one transaction holds, and keeps every counter right', async () => {
    // Prepare: a full group's list recorded, then every member of the group replaced
    const first = ids('a');
    const second = ids('b');
    const group = await givenGroup(table, { municipalityCode: '101', members: first });
    const session = await givenSession(table, group, { date: '2026-03-10' });
    await runCommand(staff(table), recordSessionAttendanceCommand, {
      sessionId: session.id,
      expectedVersion: 1,
      attendance: first.map((memberId) => ({ memberId, status: 'PRESENT' })),
    });
    await commit(table, (work) =>
      stageGroupChange(work, group, {
        members: second.map((memberId) => ({ memberId, joinedOn: '2026-03-11' })),
      }),
    );
    // Act: all 24 old entries out and 24 new in would be 48 entries, each with its totals: with
    // the session, the group's check, the month's counter, the audit and the idempotency
    // record, one action more than a transaction holds; 24 out and 23 in fit.
    const whole = runCommand(staff(table), recordSessionAttendanceCommand, {
      sessionId: session.id,
      expectedVersion: 2,
      attendance: second.map((memberId) => ({ memberId, status: 'EXCUSED' })),
    });
    await expect(whole).rejects.toMatchObject({
      userError: { code: 'TOO_MANY_ATTENDANCE_CHANGES' },
    });
    await runCommand(staff(table), recordSessionAttendanceCommand, {
      sessionId: session.id,
      expectedVersion: 2,
      attendance: second.slice(0, 23).map((memberId) => ({ memberId, status: 'EXCUSED' })),
      idempotencyKey: 'full-swap-less-one',
    });
    // Assess
    const loader = createItemLoader(table);
    expect(
      await readMonthCounts(table, '101', { fromMonth: '2026-03', toMonth: '2026-03' }),
    ).toEqual([{ sessionsHeld: 1, present: 0, absent: 0, excused: 23 }]);
    expect(await readAttendanceTotals(loader, 'YOUTH', 'a-1')).toEqual({
      present: 0,
      absent: 0,
      excused: 0,
    });
    expect(await readAttendanceTotals(loader, 'YOUTH', 'b-23')).toEqual({
      present: 0,
      absent: 0,
      excused: 1,
    });
    expect(await readAttendanceTotals(loader, 'YOUTH', 'b-24')).toEqual({
      present: 0,
      absent: 0,
      excused: 0,
    });
  });

  it('refuses attendance checked against a group that changed meanwhile, writing nothing', async () => {
    // Prepare
    const group = await givenGroup(table, { municipalityCode: '101', members: ['m-1', 'm-2'] });
    const session = await givenSession(table, group, { date: '2026-04-07' });
    await commit(table, (work) =>
      stageGroupChange(work, group, {
        members: [group.members[0] ?? { memberId: 'm-1', joinedOn: '2026-01-01' }],
      }),
    );
    // Act: a recording checked against the group as it was before the change
    const write = commit(
      table,
      recording(group, session, [{ memberId: 'm-2', status: 'PRESENT' }], new Date('2026-04-08')),
    );
    // Assess
    await expect(write).rejects.toBeInstanceOf(ConflictError);
    expect((await NetworkSessionEntity.read(table, sessionKey(session.id)))?.version).toBe(1);
    expect(
      await readMonthCounts(table, '101', { fromMonth: '2026-04', toMonth: '2026-04' }),
    ).toEqual([]);
    expect(await readAttendanceTotals(createItemLoader(table), 'YOUTH', 'm-2')).toEqual({
      present: 0,
      absent: 0,
      excused: 0,
    });
  });

  it('lets one of two concurrent recordings of a session win and counts the session once', async () => {
    // Prepare
    const group = await givenGroup(table, { municipalityCode: '101', members: ['k-1'] });
    const session = await givenSession(table, group, { date: '2026-05-05' });
    // Both read the same version before either writes
    const read = await Promise.all([
      NetworkSessionEntity.read(table, sessionKey(session.id)),
      NetworkSessionEntity.read(table, sessionKey(session.id)),
    ]);
    const today = new Date('2026-05-06');
    // Act
    const results = await Promise.allSettled(
      (['PRESENT', 'ABSENT'] as const).map((status, i) =>
        commit(table, recording(group, read[i] ?? session, [{ memberId: 'k-1', status }], today)),
      ),
    );
    // Assess
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r as PromiseRejectedResult).reason)).toEqual([
      expect.any(ConflictError),
    ]);
    const [month] = await readMonthCounts(table, '101', {
      fromMonth: '2026-05',
      toMonth: '2026-05',
    });
    expect(month?.sessionsHeld).toBe(1);
    expect((month?.present ?? 0) + (month?.absent ?? 0)).toBe(1);
    expect((await NetworkGroupEntity.read(table, groupKey(group.id)))?.version).toBe(1);
  });
});
