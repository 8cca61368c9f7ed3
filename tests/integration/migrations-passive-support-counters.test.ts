import { beforeEach, describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '#infra/migrations/all-migrations';
import type { Table } from '#kernel/table/table';
import { ErasedYouthEntity } from '#people/data-subject/erased-youth-entity';
import type { YouthStatus } from '#people/domain/youth';
import { recountPeopleFigures } from '#people/maintenance/recount';
import { countStoredPassiveSupportWeeks } from '#people/migrations/0019-count-stored-passive-support-weeks';
import { StatusHistoryEntryEntity, YouthEntity } from '#people/repository/youth-entity';
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

/**
 * A young person and their dated history as stored before the passive-support figures: the
 * same items, and no counter added. Written raw, as no code writes that shape any more.
 */
async function givenOldHistory(
  table: Table,
  youth: Parameters<typeof aYouth>[0],
  history: Array<[YouthStatus, string]>,
): Promise<void> {
  const person = aYouth(youth);
  await table.put(YouthEntity.toItem(person));
  for (const [index, [status, date]] of history.entries()) {
    await table.put(
      StatusHistoryEntryEntity.toItem({
        youthId: person.id,
        sequence: index + 1,
        status,
        date,
        reason: 'Test',
      }),
    );
  }
}

/** The passive-support counters of a municipality, by month, zeros left out. */
async function passiveWeeksCounted(table: Table, code: string): Promise<Record<string, number>> {
  const kept = (await table.get(youthStatsKey(code))) ?? {};
  return Object.fromEntries(
    Object.entries(kept)
      .filter(([name, value]) => name.endsWith('#weeksOnPassiveSupportFirstYear') && value !== 0)
      .map(([name, value]) => [name.split('#')[0], Number(value)]),
  );
}

describe('weeks on passive support of young people stored before they were counted (migration 0019)', () => {
  let table: Table;

  beforeEach(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    // Four weeks enrolled with nothing recorded (Mon 6 Jan to Sun 2 Feb), then a placement and
    // a job: 4 weeks on passive support.
    await givenOldHistory(table, { id: 'y-old-1', enrolledAt: '2025-01-06' }, [
      ['ENROLLED', '2025-01-06'],
      ['IN_PLACEMENT', '2025-02-03'],
      ['IN_JOB', '2025-05-05'],
    ]);
    // Paused for two weeks after two enrolled: 4 weeks.
    await givenOldHistory(
      table,
      { id: 'y-old-2', municipalityCode: KOBENHAVN, enrolledAt: '2025-03-03' },
      [
        ['ENROLLED', '2025-03-03'],
        ['PAUSED', '2025-03-17'],
        ['IN_EDUCATION', '2025-03-31'],
      ],
    );
    // Erased: four weeks enrolled, then exited — the weeks after leaving are not observed.
    await table.put(
      ErasedYouthEntity.toItem({
        stubId: 'y-stub-1',
        municipalityCode: ROSKILDE,
        enrolledAt: '2025-02-03',
        benefitCategory: 'ACTIVITY_READY',
        status: 'EXITED',
        statusChangedAt: '2025-03-03',
        statusChanges: 2,
        statusTimeline: [
          { status: 'ENROLLED', date: '2025-02-03' },
          { status: 'EXITED', date: '2025-03-03' },
        ],
      }),
    );
    // Enrolled since, with nothing recorded after: counted by its enrolment already (52 weeks).
    await givenYouth(table, { id: 'y-new', enrolledAt: '2026-05-04' });
  });

  it('counts the old weeks once beside the new ones, and a second run adds nothing', async () => {
    // Prepare
    const before = await passiveWeeksCounted(table, ROSKILDE);
    // Act
    const first = aCheckpoint();
    await countStoredPassiveSupportWeeks.run(table, first);
    const afterFirst = await passiveWeeksCounted(table, ROSKILDE);
    const second = aCheckpoint();
    await countStoredPassiveSupportWeeks.run(table, second);
    // Assess
    expect(before).toEqual({ '2026-05': 52 });
    expect(afterFirst).toEqual({ '2025-01': 4, '2025-02': 4, '2026-05': 52 });
    expect(await passiveWeeksCounted(table, KOBENHAVN)).toEqual({ '2025-03': 4 });
    expect(first.touched).toBe(2);
    expect(second.touched).toBe(0);
    expect(await passiveWeeksCounted(table, ROSKILDE)).toEqual(afterFirst);
    const recount = await recountPeopleFigures(table);
    expect(
      recount.differences.filter((d) => d.counter.endsWith('#weeksOnPassiveSupportFirstYear')),
    ).toEqual([]);
  });

  it('resumes after the last municipality it finished', async () => {
    // Prepare: København (101) comes before Roskilde (265); a run stopped after it
    const resumed = aCheckpoint({ code: KOBENHAVN });
    // Act
    await countStoredPassiveSupportWeeks.run(table, resumed);
    // Assess
    expect(await passiveWeeksCounted(table, KOBENHAVN)).toEqual({});
    expect(await passiveWeeksCounted(table, ROSKILDE)).toEqual({
      '2025-01': 4,
      '2025-02': 4,
      '2026-05': 52,
    });
  });

  it('is registered among the data migrations', () => {
    expect(ALL_MIGRATIONS.map(({ id }) => id)).toContain('0019');
  });
});
