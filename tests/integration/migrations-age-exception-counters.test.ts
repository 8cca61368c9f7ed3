import { beforeEach, describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '#infra/migrations/all-migrations';
import type { Table } from '#kernel/table/table';
import { ErasedYouthEntity } from '#people/data-subject/erased-youth-entity';
import { recountPeopleFigures } from '#people/maintenance/recount';
import { countStoredAgeExceptions } from '#people/migrations/0015-count-stored-age-exceptions';
import { YouthEntity } from '#people/repository/youth-entity';
import { youthStatsKey } from '#people/repository/youth-stats-entity';
import { aCheckpoint } from '../support/migration-checkpoint.ts';
import {
  aYouth,
  givenMunicipalities,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

const REASON = 'Kommunen har vurderet, at forløbet passer';

/**
 * A young person as enrolment stored them before the age-exception figures: the same item, and
 * no counter added. Written raw, as no code writes that shape any more.
 */
async function givenOldEnrolment(
  table: Table,
  ...overrides: Parameters<typeof aYouth>
): Promise<void> {
  await table.put(YouthEntity.toItem(aYouth(...overrides)));
}

/** The age-exception counters of a municipality, by month, zeros left out. */
async function ageExceptionsCounted(table: Table, code: string): Promise<Record<string, number>> {
  const kept = (await table.get(youthStatsKey(code))) ?? {};
  return Object.fromEntries(
    Object.entries(kept)
      .filter(([name, value]) => name.endsWith('#enrolledWithAgeException') && value !== 0)
      .map(([name, value]) => [name.split('#')[0], Number(value)]),
  );
}

describe('enrolments with an age exception stored before they were counted (migration 0015)', () => {
  let table: Table;

  beforeEach(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenOldEnrolment(table, {
      id: 'y-old-1',
      dateOfBirth: '1990-05-01',
      enrolledAt: '2026-03-10',
      ageExceptionReason: REASON,
    });
    // A reason recorded for someone inside 18–29 is no exception: not counted.
    await givenOldEnrolment(table, {
      id: 'y-old-2',
      dateOfBirth: '2004-03-14',
      enrolledAt: '2026-03-11',
      ageExceptionReason: REASON,
    });
    await givenOldEnrolment(table, {
      id: 'y-old-3',
      municipalityCode: KOBENHAVN,
      dateOfBirth: '1991-01-01',
      enrolledAt: '2026-02-02',
      ageExceptionReason: REASON,
    });
    await table.put(
      ErasedYouthEntity.toItem({
        stubId: 'y-stub-1',
        municipalityCode: ROSKILDE,
        enrolledAt: '2026-04-02',
        benefitCategory: 'ACTIVITY_READY',
        status: 'ENROLLED',
        statusChangedAt: '2026-04-02',
        statusChanges: 1,
        statusTimeline: [{ status: 'ENROLLED', date: '2026-04-02' }],
        enrolledWithAgeException: true,
      }),
    );
    // Enrolled since: counted by its enrolment already.
    await givenYouth(table, {
      id: 'y-new',
      dateOfBirth: '1992-07-07',
      enrolledAt: '2026-05-05',
      ageExceptionReason: REASON,
    });
  });

  it('counts the old exceptions once beside the new one, and a second run adds nothing', async () => {
    // Prepare
    const before = await ageExceptionsCounted(table, ROSKILDE);
    // Act
    const first = aCheckpoint();
    await countStoredAgeExceptions.run(table, first);
    const afterFirst = await ageExceptionsCounted(table, ROSKILDE);
    const second = aCheckpoint();
    await countStoredAgeExceptions.run(table, second);
    // Assess
    expect(before).toEqual({ '2026-05': 1 });
    expect(afterFirst).toEqual({ '2026-03': 1, '2026-04': 1, '2026-05': 1 });
    expect(await ageExceptionsCounted(table, KOBENHAVN)).toEqual({ '2026-02': 1 });
    expect(first.touched).toBe(2);
    expect(second.touched).toBe(0);
    expect(await ageExceptionsCounted(table, ROSKILDE)).toEqual(afterFirst);
    const recount = await recountPeopleFigures(table);
    expect(
      recount.differences.filter((d) => d.counter.endsWith('#enrolledWithAgeException')),
    ).toEqual([]);
  });

  it('resumes after the last municipality it finished', async () => {
    // Prepare: København (101) comes before Roskilde (265); a run stopped after it
    const resumed = aCheckpoint({ code: KOBENHAVN });
    // Act
    await countStoredAgeExceptions.run(table, resumed);
    // Assess
    expect(await ageExceptionsCounted(table, KOBENHAVN)).toEqual({});
    expect(await ageExceptionsCounted(table, ROSKILDE)).toEqual({
      '2026-03': 1,
      '2026-04': 1,
      '2026-05': 1,
    });
  });

  it('is registered among the data migrations', () => {
    expect(ALL_MIGRATIONS.map(({ id }) => id)).toContain('0015');
  });
});
