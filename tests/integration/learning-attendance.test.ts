import { beforeAll, describe, expect, it } from 'vitest';
import { createItemLoader } from '#kernel/entity-loader';
import { ConflictError } from '#kernel/errors';
import type { Table } from '#kernel/table/table';
import { withAttendance } from '#learning-community/domain/network-session';
import { recordSessionAttendance } from '#learning-community/domain/network-session-commands';
import { readAttendanceTotals } from '#learning-community/repository/attendance-repository';
import { getGroup, saveGroupChange } from '#learning-community/repository/network-group-repository';
import {
  getSession,
  saveAttendance,
} from '#learning-community/repository/network-session-repository';
import { readMonthCounts } from '#learning-community/repository/network-stats-repository';
import { testContext } from '../support/context.ts';
import { staffIdentity } from '../support/identities.ts';
import { givenGroup, givenSession } from '../support/learning-factories.ts';
import { createTestTable } from '../support/table.ts';

const ids = (prefix: string) => Array.from({ length: 24 }, (_, i) => `${prefix}-${i + 1}`);
const staff = (table: Table) => testContext(table, staffIdentity('101'));

describe('attendance writes against DynamoDB Local', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
  });

  it('replaces a full list with another in one transaction and keeps every counter right', async () => {
    // Prepare
    const first = ids('a');
    const second = ids('b');
    const group = await givenGroup(table, { municipalityCode: '101', members: first });
    const session = await givenSession(table, group, { date: '2026-03-10' });
    await recordSessionAttendance(staff(table), {
      sessionId: session.id,
      attendance: first.map((memberId) => ({ memberId, status: 'PRESENT' })),
    });
    const swapped = {
      ...group,
      members: second.map((memberId) => ({ memberId, joinedOn: '2026-03-11' })),
      version: 2,
    };
    await saveGroupChange(table, group, swapped);
    // Act: 24 records removed and 24 written, each with its totals: 99 actions in all
    await recordSessionAttendance(staff(table), {
      sessionId: session.id,
      attendance: second.map((memberId) => ({ memberId, status: 'EXCUSED' })),
    });
    // Assess
    const loader = createItemLoader(table);
    expect(
      await readMonthCounts(table, '101', { fromMonth: '2026-03', toMonth: '2026-03' }),
    ).toEqual([{ sessionsHeld: 1, present: 0, absent: 0, excused: 24 }]);
    expect(await readAttendanceTotals(loader, 'YOUTH', 'a-1')).toEqual({
      present: 0,
      absent: 0,
      excused: 0,
    });
    expect(await readAttendanceTotals(loader, 'YOUTH', 'b-24')).toEqual({
      present: 0,
      absent: 0,
      excused: 1,
    });
  });

  it('refuses attendance checked against a group that changed meanwhile, writing nothing', async () => {
    // Prepare
    const group = await givenGroup(table, { municipalityCode: '101', members: ['m-1', 'm-2'] });
    const session = await givenSession(table, group, { date: '2026-04-07' });
    await saveGroupChange(table, group, {
      ...group,
      members: [group.members[0] ?? { memberId: 'm-1', joinedOn: '2026-01-01' }],
      version: 2,
    });
    const after = {
      ...withAttendance(
        session,
        group,
        [{ memberId: 'm-2', status: 'PRESENT' }],
        new Date('2026-04-08'),
      ),
      version: 2,
    };
    // Act
    const write = saveAttendance(table, group, session, after);
    // Assess
    await expect(write).rejects.toBeInstanceOf(ConflictError);
    expect((await getSession(table, session.id))?.version).toBe(1);
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
    const read = await Promise.all([getSession(table, session.id), getSession(table, session.id)]);
    const today = new Date('2026-05-06');
    // Act
    const results = await Promise.allSettled(
      (['PRESENT', 'ABSENT'] as const).map((status, i) => {
        const before = read[i] ?? session;
        const after = {
          ...withAttendance(before, group, [{ memberId: 'k-1', status }], today),
          version: 2,
        };
        return saveAttendance(table, group, before, after);
      }),
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
    expect((await getGroup(table, group.id))?.version).toBe(1);
  });
});
