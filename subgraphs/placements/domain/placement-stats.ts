import * as z from 'zod';
import { IsoDateSchema } from '#kernel/validation';
import { daysBetween } from './dates.ts';
import type { OutcomeKind } from './placement.ts';

/** The longest period the flow figures cover in one request: two years. */
export const MAX_STATS_PERIOD_DAYS = 731;

/** A period of flow figures, both days included. */
export const StatsPeriodSchema = z
  .object({ from: IsoDateSchema, to: IsoDateSchema })
  .refine((period) => period.from <= period.to, {
    message: 'must not end before it begins',
    path: ['to'],
  })
  .refine((period) => daysBetween(period.from, period.to) < MAX_STATS_PERIOD_DAYS, {
    message: `must be at most ${MAX_STATS_PERIOD_DAYS} days long`,
    path: ['to'],
  });

/** A period of flow figures. */
export type StatsPeriod = z.infer<typeof StatsPeriodSchema>;

/** The default period of the flow figures: the calendar year up to today. */
export function defaultStatsPeriod(today: string): StatsPeriod {
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/** A municipality's placement figures: counts by status now, and the flow of a period. */
export interface PlacementFigures {
  planned: number;
  active: number;
  extended: number;
  completed: number;
  interrupted: number;
  period: StatsPeriod;
  startedInPeriod: number;
  completedInPeriod: number;
  interruptedInPeriod: number;
  outcomesInPeriod: Array<{ kind: OutcomeKind; count: number }>;
}
