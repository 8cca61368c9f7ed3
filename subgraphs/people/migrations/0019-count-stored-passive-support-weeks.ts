import type { Migration } from '#kernel/migrations/migration';
import { addMissingCounts } from '#kernel/migrations/missing-counts';
import { monthCounterAttribute } from '#kernel/month-counters';
import type { Table } from '#kernel/table/table';
import { ErasedYouthEntity, erasedYouthPartition } from '../data-subject/erased-youth-entity.ts';
import type { DatedStatus } from '../domain/weekly-status.ts';
import { cohortContribution } from '../domain/youth-figures.ts';
import { listMunicipalities } from '../repository/municipality-repository.ts';
import { municipalityYouthPartition, YouthEntity } from '../repository/youth-entity.ts';
import { listStatusHistory } from '../repository/youth-repository.ts';
import {
  YOUTH_STATS_ENTITY,
  youthMonthsFromItem,
  youthStatsKey,
} from '../repository/youth-stats-entity.ts';

const COUNTER = 'weeksOnPassiveSupportFirstYear';

/**
 * `youthStats.averageWeeksOnPassiveSupportFirstYear` (issue #21) started after young people
 * were enrolled: their cohorts' weeks on passive support were never counted. This adds to each
 * enrolment month's counter what its young people's histories (and the erased ones' stubs,
 * which keep the dated timeline) give by the same `cohortContribution` the writes use. A status
 * change written before the migration added only its difference, so a counter only ever lacks
 * here: the migration adds and never takes away (`addMissingCounts`), on condition the counters
 * still hold what was read. The checkpoint is the last municipality done.
 */
export const countStoredPassiveSupportWeeks = {
  id: '0019',
  description: 'people: weeks on passive support of young people enrolled before they were counted',
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

/** Corrects one municipality's passive-support counters; 1 when it changed them, 0 when they held. */
async function bringForward(table: Table, code: string): Promise<number> {
  const key = youthStatsKey(code);
  const names = { entity: YOUTH_STATS_ENTITY, municipalityCode: code };
  return addMissingCounts(
    table,
    { key, names, counting: `passive-support (${code})` },
    async () => {
      const kept: Record<string, number> = {};
      for (const [month, figures] of youthMonthsFromItem(await table.get(key))) {
        if (figures[COUNTER] !== 0) kept[monthCounterAttribute(month, COUNTER)] = figures[COUNTER];
      }
      return { kept, recounted: await countedByMonth(table, code) };
    },
  );
}

/** The municipality's weeks on passive support in the first year, by the counter of their month. */
async function countedByMonth(table: Table, code: string): Promise<Record<string, number>> {
  const [youth, stubs] = await Promise.all([
    YouthEntity.readAll(table, { index: 'gsi1', partition: municipalityYouthPartition(code) }),
    ErasedYouthEntity.readAll(table, { index: 'gsi1', partition: erasedYouthPartition(code) }),
  ]);
  const histories: Array<{ enrolledAt: string; history: DatedStatus[] }> = [
    ...stubs.map((stub) => ({ enrolledAt: stub.enrolledAt, history: stub.statusTimeline })),
  ];
  for (const person of youth) {
    const history = (await listStatusHistory(table, person.id)).map(({ status, date }) => ({
      status,
      date,
    }));
    histories.push({ enrolledAt: person.enrolledAt, history });
  }
  const counted: Record<string, number> = {};
  for (const { enrolledAt, history } of histories) {
    const weeks = cohortContribution(enrolledAt, history)[COUNTER] ?? 0;
    const attribute = monthCounterAttribute(enrolledAt.slice(0, 7), COUNTER);
    counted[attribute] = (counted[attribute] ?? 0) + weeks;
  }
  return counted;
}
