import type { ItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import { OUTCOME_KINDS } from '../domain/placement.ts';
import type { PlacementFigures, StatsPeriod } from '../domain/placement-stats.ts';
import {
  counterValue,
  dailyFlowRange,
  municipalityStatsPartition,
  statusCountersKey,
} from './placement-stats-entity.ts';

/**
 * A municipality's placement figures from its counter items: the status counts (through the
 * request's batching loader) and the days of the period (one query of at most 731 small items).
 * No placement is read.
 *
 * @param table - the table
 * @param loader - the request's item loader
 * @param municipalityCode - the municipality
 * @param period - the period of the flow figures
 */
export async function readPlacementFigures(
  table: Table,
  loader: ItemLoader,
  municipalityCode: string,
  period: StatsPeriod,
): Promise<PlacementFigures> {
  const [status, days] = await Promise.all([
    loader.load(statusCountersKey(municipalityCode)),
    table.queryAll({
      partition: municipalityStatsPartition(municipalityCode),
      between: dailyFlowRange(period.from, period.to),
    }),
  ]);
  const sum = (attribute: string) =>
    days.reduce((total, day) => total + counterValue(day, attribute), 0);
  return {
    planned: counterValue(status, 'PLANNED'),
    active: counterValue(status, 'ACTIVE'),
    extended: counterValue(status, 'EXTENDED'),
    completed: counterValue(status, 'COMPLETED'),
    interrupted: counterValue(status, 'INTERRUPTED'),
    period,
    startedInPeriod: sum('STARTED'),
    completedInPeriod: sum('COMPLETED'),
    interruptedInPeriod: sum('INTERRUPTED'),
    outcomesInPeriod: OUTCOME_KINDS.map((kind) => ({ kind, count: sum(`OUTCOME_${kind}`) })),
  };
}
