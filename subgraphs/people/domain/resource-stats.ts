import { ACTIVITY_KINDS, type ActivityMinutes } from '#kernel/activity-log';
import { showsAverage } from '#kernel/small-cells';
import type { YouthStatsFigures } from './youth-stats-figures.ts';

/**
 * The cost of one staff hour the resource figures use, versioned so that an export or a report
 * can say which it used. It stands for what an hour of a municipal team member's work costs the
 * municipality: an assumed average hourly wage of a Danish municipal social worker or consultant
 * (about 300 kr.) with pension, holiday pay and overhead (about 50 %) — an estimate the programme
 * office is to replace with its own figure, by a new version here.
 */
export const STAFF_HOUR_COST = { version: '2026-12-v1', dkk: 450 } as const;

/** What `resourceStats` returns (the GraphQL type `ResourceStats`). */
export interface ResourceStatsView {
  staffMinutes: number;
  staffMinutesByKind: Array<{ kind: (typeof ACTIVITY_KINDS)[number]; minutes: number }>;
  staffHourCostDkk: number;
  staffHourCostVersion: string;
  staffCostDkk: number;
  programmeCostsDkk: number;
  programmeCostsByMonth: Array<{ month: string; amountDkk: number }>;
  totalCostDkk: number;
  youthEnrolled: number | null;
  youthIntoEducationOrJob: number | null;
  staffMinutesPerYouthEnrolled: number | null;
  costPerYouthEnrolledDkk: number | null;
  costPerYouthIntoEducationOrJobDkk: number | null;
  programmeCostsVersion: number | null;
}

/** A quotient over a population as shown: only when `showsAverage` allows it, rounded. */
function perYouth(amount: number, population: number | null, suppressed: boolean): number | null {
  if (population === null || !showsAverage(population, { suppressed })) return null;
  return Math.round(amount / population);
}

/**
 * The resource figures of a period, from the period's staff minutes, its programme costs by
 * month and the young people's figures as the caller sees them (`youthStats`, published for the
 * programme office), whose counts are the quotients' populations.
 *
 * @param minutes - the period's staff minutes (month counters)
 * @param costs - the period's programme costs by month, in whole kroner
 * @param youth - the young people's figures of the period as shown to the caller
 * @param costsVersion - the programme costs' version (null for the programme's totals)
 */
export function resourceStatsView(
  minutes: ActivityMinutes,
  costs: ReadonlyArray<{ month: string; amountDkk: number }>,
  youth: YouthStatsFigures,
  costsVersion: number | null,
): ResourceStatsView {
  const staffCostDkk = Math.round((minutes.minutes / 60) * STAFF_HOUR_COST.dkk);
  const programmeCostsDkk = costs.reduce((sum, { amountDkk }) => sum + amountDkk, 0);
  const totalCostDkk = staffCostDkk + programmeCostsDkk;
  const changes = youth.statusChangesInPeriod;
  const intoEducationOrJob =
    changes.toInEducation === null || changes.toInJob === null
      ? null
      : changes.toInEducation + changes.toInJob;
  return {
    staffMinutes: minutes.minutes,
    staffMinutesByKind: ACTIVITY_KINDS.map((kind) => ({ kind, minutes: minutes.byKind[kind] })),
    staffHourCostDkk: STAFF_HOUR_COST.dkk,
    staffHourCostVersion: STAFF_HOUR_COST.version,
    staffCostDkk,
    programmeCostsDkk,
    programmeCostsByMonth: [...costs],
    totalCostDkk,
    youthEnrolled: youth.enrolledInPeriod,
    youthIntoEducationOrJob: intoEducationOrJob,
    staffMinutesPerYouthEnrolled: perYouth(
      minutes.minutes,
      youth.enrolledInPeriod,
      youth.suppressed,
    ),
    costPerYouthEnrolledDkk: perYouth(totalCostDkk, youth.enrolledInPeriod, youth.suppressed),
    costPerYouthIntoEducationOrJobDkk: perYouth(totalCostDkk, intoEducationOrJob, youth.suppressed),
    programmeCostsVersion: costsVersion,
  };
}
