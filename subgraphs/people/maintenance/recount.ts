import { monthCounterAttribute } from '#kernel/month-counters';
import {
  differingCounters,
  type MunicipalityRecount,
  type RecountReport,
  recountMunicipalities,
} from '#kernel/recount-report';
import type { Table } from '#kernel/table/table';
import { ErasedYouthEntity, erasedYouthPartition } from '../data-subject/erased-youth-entity.ts';
import { YOUTH_STATUSES } from '../domain/youth.ts';
import {
  addToMonths,
  emptyMonthFigures,
  lifetimeFigureChanges,
  YOUTH_MONTH_COUNTERS,
  type YouthMonthFigures,
} from '../domain/youth-figures.ts';
import { enrolledWithAgeException } from '../domain/youth-rules.ts';
import { emptyCounts, type YouthCounts } from '../domain/youth-stats.ts';
import { listMunicipalities } from '../repository/municipality-repository.ts';
import { municipalityYouthPartition, YouthEntity } from '../repository/youth-entity.ts';
import { listStatusHistory } from '../repository/youth-repository.ts';
import {
  YOUTH_STATS_ENTITY,
  youthCountsFromItem,
  youthMonthsFromItem,
  youthStatsKey,
} from '../repository/youth-stats-entity.ts';

/**
 * The people subgraph's recount: every kept figure (the counts by status and the monthly
 * figures) computed again from the raw items — each municipality's young people (its gsi1
 * listing) and each one's status history, and the anonymous stubs of those erased — by the same domain functions the writes use, and
 * compared with what is kept. Maintenance only: it reads whole partitions.
 */

function monthAttributes(month: string, figures = emptyMonthFigures()): Record<string, number> {
  return Object.fromEntries(
    YOUTH_MONTH_COUNTERS.map((counter) => [
      monthCounterAttribute(month, counter),
      figures[counter],
    ]),
  );
}

/**
 * Recounts the people subgraph's figures of every municipality.
 *
 * @param table - the table
 * @param options - `fix`: add to the kept figures what they lack (`addCorrection`)
 */
export async function recountPeopleFigures(
  table: Table,
  options: { fix?: boolean } = {},
): Promise<RecountReport> {
  const codes = (await listMunicipalities(table)).map(({ code }) => code);
  return recountMunicipalities(table, codes, (code) => recountMunicipality(table, code), options);
}

/** One municipality's counts and months recounted from its young people and their histories. */
async function recountMunicipality(table: Table, code: string): Promise<MunicipalityRecount> {
  const statsKey = youthStatsKey(code);
  // The kept figures first: see `MunicipalityRecount`.
  const kept = await table.get(statsKey);
  const counts: YouthCounts = emptyCounts();
  const months = new Map<string, YouthMonthFigures>();
  const youth = await YouthEntity.readAll(table, {
    index: 'gsi1',
    partition: municipalityYouthPartition(code),
  });
  for (const person of youth) {
    counts[person.status] += 1;
    const history = (await listStatusHistory(table, person.id)).map(({ status, date }) => ({
      status,
      date,
    }));
    const ageException = enrolledWithAgeException(person);
    addToMonths(months, lifetimeFigureChanges(person.enrolledAt, history, ageException));
  }
  // Erased young people are still counted: their anonymous stubs keep what the figures need.
  const stubs = await ErasedYouthEntity.readAll(table, {
    index: 'gsi1',
    partition: erasedYouthPartition(code),
  });
  for (const stub of stubs) {
    counts[stub.status] += 1;
    const ageException = stub.enrolledWithAgeException ?? false;
    addToMonths(months, lifetimeFigureChanges(stub.enrolledAt, stub.statusTimeline, ageException));
  }
  const differences = differingCounters(
    statsKey,
    youthCountsFromItem(kept),
    counts,
    YOUTH_STATUSES,
  );
  const keptMonths = youthMonthsFromItem(kept);
  const allMonths = new Set([...months.keys(), ...keptMonths.keys()]);
  for (const month of allMonths) {
    differences.push(
      ...differingCounters(
        statsKey,
        monthAttributes(month, keptMonths.get(month)),
        monthAttributes(month, months.get(month)),
        YOUTH_MONTH_COUNTERS.map((counter) => monthCounterAttribute(month, counter)),
      ),
    );
  }
  const itemsCompared = 1 + allMonths.size;
  if (differences.length === 0) return { differences, itemsCompared };
  const names = { entity: YOUTH_STATS_ENTITY, municipalityCode: code };
  return { differences, itemsCompared, correction: { key: statsKey, names, differences } };
}
