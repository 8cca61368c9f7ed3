import * as z from 'zod';
import { defineEntity } from './entity.ts';
import { key, PREFIX } from './keys.ts';
import { monthCountersOf } from './month-counters.ts';
import { sharedKeys } from './shared-keys.ts';
import type { Item } from './table/table.ts';
import type { UnitOfWork } from './unit-of-work.ts';
import { EntityIdSchema, IsoDateSchema, MunicipalityCodeSchema } from './validation.ts';

/**
 * The team's activity log (issue #21): what a staff member spent their time on, in minutes, on
 * a day, and whom it concerned. Any subgraph logs an activity inside its own command's
 * transaction with one call ({@link stageActivity}) — `recordActivity` (people), and the work
 * that logs itself: a completed lifecycle task, a session's attendance, a psychologist's
 * session. The figures (staff minutes by kind, per young person) come from month counters
 * written in the same transaction, so no figure reads the items of a period.
 */

/** What kind of work an activity was; the SDL's `ActivityKind` is exactly these. */
export const ACTIVITY_KINDS = [
  'YOUTH_CONVERSATION',
  'COMPANY_VISIT',
  'SESSION_FACILITATION',
  'PHONE_FOLLOW_UP',
  'PSYCHOLOGIST_SESSION',
  'CHECKPOINT',
  'FOLLOW_UP',
  'OTHER',
] as const;

/** A kind of activity. */
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/**
 * How an activity came to be logged: typed by the staff member (`MANUAL`), or by the work it
 * records (`TASK`, a completed lifecycle task; `SESSION`, a session's attendance;
 * `PSYCHOLOGIST_CONTACT`).
 */
export const ACTIVITY_SOURCES = ['MANUAL', 'TASK', 'SESSION', 'PSYCHOLOGIST_CONTACT'] as const;

/** The most minutes one activity may take: a ten-hour day. */
export const MAX_ACTIVITY_MINUTES = 600;

/** One activity of the log. */
export const ActivitySchema = z.object({
  id: EntityIdSchema,
  /** The staff member who did the work (the caller, for a manual entry). */
  staffId: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
  kind: z.enum(ACTIVITY_KINDS),
  minutes: z.number().int().min(1).max(MAX_ACTIVITY_MINUTES),
  /** The day of the work, `YYYY-MM-DD`. */
  on: IsoDateSchema,
  /** The young person it concerned; removed when they are erased (the minutes stay). */
  youthId: EntityIdSchema.optional(),
  /** The company it concerned. */
  companyId: EntityIdSchema.optional(),
  /** The staff member's own words; removed with the young person's link at erasure. */
  note: z.string().optional(),
  source: z.enum(ACTIVITY_SOURCES),
  /** When it was logged, ISO 8601. */
  recordedAt: z.string(),
});

/** One activity of the log. */
export type Activity = z.infer<typeof ActivitySchema>;

/** The gsi1 partition of the activities concerning a young person. */
export function youthActivitiesPartition(youthId: string): string {
  return key(PREFIX.youth, youthId, 'ACTIVITY');
}

/** The sort key prefix of a staff member's activities in their partition. */
export const ACTIVITY_SK_PREFIX = 'ACTIVITY#';

/** An activity: the entity of `sharedKeys.activity`. */
export const ActivityEntity = defineEntity<Activity>({
  name: 'Activity',
  schema: ActivitySchema,
  key: (activity) => sharedKeys.activity(activity.staffId, activity.on, activity.id),
  indexes: {
    gsi1: (activity) =>
      activity.youthId
        ? { pk: youthActivitiesPartition(activity.youthId), sk: key(activity.on, activity.id) }
        : undefined,
  },
});

/** The month counter of an activity kind's minutes, e.g. `minutes.COMPANY_VISIT`. */
export function minutesCounter(kind: ActivityKind): string {
  return `minutes.${kind}`;
}

/**
 * Stages one activity on a unit of work: its item, which must not exist yet (an activity with
 * an id derived from the work it records is so logged once however often the work is
 * recorded), its municipality's month counters of minutes and, when it concerns a young
 * person, their minutes so far. The caller has checked that the young person and the company
 * belong to the municipality.
 *
 * @param work - the command's unit of work
 * @param activity - the activity
 */
export function stageActivity(work: UnitOfWork, activity: Activity): void {
  work.create(ActivityEntity, activity);
  work.count(
    sharedKeys.activityCounts(activity.municipalityCode),
    { entity: 'ActivityCounts', municipalityCode: activity.municipalityCode },
    {},
    [
      {
        month: activity.on.slice(0, 7),
        add: { activities: 1, [minutesCounter(activity.kind)]: activity.minutes },
      },
    ],
  );
  if (activity.youthId) {
    work.count(
      sharedKeys.youthActivityMinutes(activity.youthId),
      { entity: 'YouthActivityMinutes' },
      { minutes: activity.minutes, [minutesCounter(activity.kind)]: activity.minutes },
    );
  }
}

/** A period's staff minutes: in all, by kind, and how many activities. */
export interface ActivityMinutes {
  activities: number;
  minutes: number;
  byKind: Record<ActivityKind, number>;
}

/** No minutes at all. */
export function noMinutes(): ActivityMinutes {
  const byKind = Object.fromEntries(ACTIVITY_KINDS.map((kind) => [kind, 0]));
  return { activities: 0, minutes: 0, byKind: byKind as Record<ActivityKind, number> };
}

/**
 * The minutes of the months from `fromMonth` to `toMonth` (inclusive, `YYYY-MM`) on a
 * municipality's activity counter item.
 *
 * @param item - the item of `sharedKeys.activityCounts` (undefined: nothing logged)
 * @param fromMonth - the first month
 * @param toMonth - the last month
 */
export function activityMinutesOf(
  item: Item | undefined,
  fromMonth: string,
  toMonth: string,
): ActivityMinutes {
  const sum = noMinutes();
  for (const [month, counters] of monthCountersOf(item)) {
    if (month < fromMonth || month > toMonth) continue;
    sum.activities += counters.activities ?? 0;
    for (const kind of ACTIVITY_KINDS) {
      const minutes = counters[minutesCounter(kind)] ?? 0;
      sum.byKind[kind] += minutes;
      sum.minutes += minutes;
    }
  }
  return sum;
}

/**
 * A young person's minutes so far, from their item of `sharedKeys.youthActivityMinutes`.
 *
 * @param item - the item (undefined: no activity concerned them)
 */
export function youthMinutesOf(item: Item | undefined): ActivityMinutes {
  const sum = noMinutes();
  for (const kind of ACTIVITY_KINDS) {
    const minutes = item?.[minutesCounter(kind)];
    if (typeof minutes === 'number') sum.byKind[kind] = minutes;
  }
  sum.minutes = typeof item?.minutes === 'number' ? item.minutes : 0;
  return sum;
}
