import type { Migration } from '#kernel/migrations/migration';
import { addMissingCounts } from '#kernel/migrations/missing-counts';
import { monthCounterAttribute } from '#kernel/month-counters';
import type { Table } from '#kernel/table/table';
import { ErasedYouthEntity, erasedYouthPartition } from '../data-subject/erased-youth-entity.ts';
import { enrolledWithAgeException } from '../domain/youth-rules.ts';
import { listMunicipalities } from '../repository/municipality-repository.ts';
import { municipalityYouthPartition, YouthEntity } from '../repository/youth-entity.ts';
import {
  YOUTH_STATS_ENTITY,
  youthMonthsFromItem,
  youthStatsKey,
} from '../repository/youth-stats-entity.ts';

const COUNTER = 'enrolledWithAgeException';

/**
 * `youthStats.enrolledWithAgeException` started after enrolment could record an age exception:
 * the young people enrolled outside 18–29 with a reason before it were never counted. This adds
 * to each enrolment month's counter what its young people (and the erased ones' stubs, which
 * carry the flag) add up to, by the same `enrolledWithAgeException` rule the enrolment uses. A
 * counter only ever lacks here, so the migration adds and never takes away.
 *
 * A municipality's counters are corrected together, on condition that they still hold what was
 * read (`addCorrection`): an enrolment committed meanwhile fails the condition and the
 * municipality is read again, and a second run finds nothing to add. The counter item is read
 * before the young people, so a write after that read changes a counter the condition holds.
 * The checkpoint is the last municipality done.
 */
export const countStoredAgeExceptions = {
  id: '0015',
  description: 'people: enrolments with an age exception stored before they were counted',
  async run(table, checkpoint) {
    const from = checkpoint.resumeFrom ? String(checkpoint.resumeFrom.code) : undefined;
    const codes = (await listMunicipalities(table)).map(({ code }) => code).sort();
    for (const code of codes) {
      if (from !== undefined && code <= from) continue;
      const touched = await bringForward(table, code);
      await checkpoint.save({ code }, touched);
    }
  },
} satisfies Migration;

/** Corrects one municipality's age-exception counters; 1 when it changed them, 0 when they held. */
async function bringForward(table: Table, code: string): Promise<number> {
  const key = youthStatsKey(code);
  const names = { entity: YOUTH_STATS_ENTITY, municipalityCode: code };
  return addMissingCounts(table, { key, names, counting: `age-exception (${code})` }, async () => {
    const kept: Record<string, number> = {};
    for (const [month, figures] of youthMonthsFromItem(await table.get(key))) {
      if (figures[COUNTER] !== 0) kept[monthCounterAttribute(month, COUNTER)] = figures[COUNTER];
    }
    return { kept, recounted: await countedByMonth(table, code) };
  });
}

/** The municipality's enrolments with an age exception, by the counter of their month. */
async function countedByMonth(table: Table, code: string): Promise<Record<string, number>> {
  const [youth, stubs] = await Promise.all([
    YouthEntity.readAll(table, { index: 'gsi1', partition: municipalityYouthPartition(code) }),
    ErasedYouthEntity.readAll(table, { index: 'gsi1', partition: erasedYouthPartition(code) }),
  ]);
  const enrolments = [
    ...youth.filter(enrolledWithAgeException).map((person) => person.enrolledAt),
    ...stubs.filter((stub) => stub.enrolledWithAgeException).map((stub) => stub.enrolledAt),
  ];
  const counted: Record<string, number> = {};
  for (const enrolledAt of enrolments) {
    const attribute = monthCounterAttribute(enrolledAt.slice(0, 7), COUNTER);
    counted[attribute] = (counted[attribute] ?? 0) + 1;
  }
  return counted;
}
