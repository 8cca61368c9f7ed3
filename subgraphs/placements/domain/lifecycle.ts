import * as z from 'zod';
import { addDays, addMonths } from '#kernel/calendar';
import { IsoDateSchema } from '#kernel/validation';
import { daysBetween } from './dates.ts';
import { type LifecycleConfig, stepWeeksOf } from './lifecycle-config.ts';
import type { OutcomeKind, Placement } from './placement.ts';

/**
 * A placement's three-month lifecycle as data: the steps a person must take, the tasks that
 * ask them to, and the follow-ups that record whether a young person stayed in the education
 * or job they went on to. The workflow (Step Functions) walks these steps; the rules of when a
 * step falls due and how an overdue task is chased are pure functions here.
 */

/** The steps of a placement's lifecycle, in their order. */
export const LIFECYCLE_STEPS = [
  'CHECK_IN',
  'MIDWAY_EVALUATION',
  'BEFORE_END_TALK',
  'OUTCOME_DECISION',
  'FOLLOW_UP_3_MONTHS',
  'FOLLOW_UP_6_MONTHS',
] as const;

/** A step of a placement's lifecycle. */
export type LifecycleStep = (typeof LIFECYCLE_STEPS)[number];

/** The steps completed with `completePlacementCheckpoint`. */
export const CHECKPOINT_STEPS: readonly LifecycleStep[] = [
  'CHECK_IN',
  'MIDWAY_EVALUATION',
  'BEFORE_END_TALK',
];

/** The steps completed with `recordFollowUp`. */
export const FOLLOW_UP_STEPS: readonly LifecycleStep[] = [
  'FOLLOW_UP_3_MONTHS',
  'FOLLOW_UP_6_MONTHS',
];

/** What each step is called, in Danish and English. */
export const STEP_TITLES: Record<LifecycleStep, string> = {
  CHECK_IN: 'Opfølgning (check-in)',
  MIDWAY_EVALUATION: 'Midtvejsevaluering (midway evaluation)',
  BEFORE_END_TALK: 'Afslutningssamtale (before-the-end talk)',
  OUTCOME_DECISION: 'Beslutning om forløbet (outcome decision)',
  FOLLOW_UP_3_MONTHS: 'Opfølgning efter 3 måneder (3-month follow-up)',
  FOLLOW_UP_6_MONTHS: 'Opfølgning efter 6 måneder (6-month follow-up)',
};

/** Why a lifecycle ended. */
export const LIFECYCLE_END_REASONS = ['DECIDED', 'FOLLOWED_UP', 'INTERRUPTED'] as const;

/** Where a placement's lifecycle stands, as the placement records it. */
export const PlacementLifecycleSchema = z.object({
  /**
   * The workflow execution that runs it now, by name: `placement-<id>` first, then
   * `placement-<id>-r<n>` for each execution that took over (a restart by the reconciler, a
   * hand-over before the execution's horizon; see {@link lifecycleExecutionName}).
   */
  executionId: z.string(),
  status: z.enum(['RUNNING', 'ENDED']),
  /** The step it is at (or ended at). */
  step: z.enum(LIFECYCLE_STEPS),
  /** 1, and one more with every extension (the before-the-end talk and decision repeat). */
  round: z.number().int().min(1),
  /** When the current step is due; null once ended. */
  nextDueDate: IsoDateSchema.nullable(),
  /** The staff member who gets the tasks. */
  consultantStaffId: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  endReason: z.enum(LIFECYCLE_END_REASONS).nullable(),
  /**
   * How often the reconciler restarted it under a new execution because its execution had
   * stopped (failed, timed out, aborted, never started). Absent on records written before
   * restarts were counted, and on those never restarted: none.
   */
  restarts: z.number().int().nonnegative().optional(),
});

/** Where a placement's lifecycle stands. */
export type PlacementLifecycle = z.infer<typeof PlacementLifecycleSchema>;

/**
 * A follow-up of retention: whether the young person is still in the education or job they
 * went on to, some months later. Programme figures count these (kept and lost per step).
 */
export const PlacementFollowUpSchema = z.object({
  step: z.enum(['FOLLOW_UP_3_MONTHS', 'FOLLOW_UP_6_MONTHS']),
  /** What the young person went on to. */
  outcomeKind: z.enum(['EDUCATION', 'JOB']),
  dueDate: IsoDateSchema,
  recordedOn: IsoDateSchema,
  /** Whether the young person is still there: retention kept (true) or lost (false). */
  stillThere: z.boolean(),
  notes: z.string().nullable(),
});

/** A follow-up of retention. */
export type PlacementFollowUp = z.infer<typeof PlacementFollowUpSchema>;

/** Where a lifecycle task stands. */
export const TASK_STATUSES = ['OPEN', 'DONE', 'CANCELLED'] as const;

/** What a completed task decided, for the workflow to route on. */
export const TaskResultSchema = z.object({
  outcomeKind: z.string().nullable(),
  stillThere: z.boolean().nullable(),
});

/** What a completed task decided. */
export type TaskResult = z.infer<typeof TaskResultSchema>;

/** A task of a placement's lifecycle: a person must hold a talk or take a decision. */
export const LifecycleTaskSchema = z.object({
  id: z.string(),
  placementId: z.string(),
  municipalityCode: z.string(),
  step: z.enum(LIFECYCLE_STEPS),
  round: z.number().int().min(1),
  dueDate: IsoDateSchema,
  assigneeStaffId: z.string(),
  status: z.enum(TASK_STATUSES),
  openedAt: z.string(),
  reminders: z.number().int().nonnegative(),
  lastRemindedAt: z.string().nullable(),
  escalations: z.number().int().nonnegative(),
  lastEscalatedAt: z.string().nullable(),
  completedOn: IsoDateSchema.nullable(),
  completedBy: z.string().nullable(),
  notes: z.string().nullable(),
  result: TaskResultSchema.nullable(),
  /** The workflow's callback token of the wait now in progress (never shown to people). */
  taskToken: z.string().nullable(),
  version: z.number().int().nonnegative(),
});

/** A task of a placement's lifecycle. */
export type LifecycleTask = z.infer<typeof LifecycleTaskSchema>;

/** The id of the task of one step and round: the same step and round is always the same task. */
export function lifecycleTaskId(placementId: string, step: LifecycleStep, round: number): string {
  return `${placementId}-${step}-${round}`;
}

/**
 * The name of a placement's lifecycle execution, no personal data: `placement-<id>` for the
 * first, `placement-<id>-r<n>` for the n-th that took over from another. Step Functions keeps a
 * name for 90 days after its execution ended, so an execution that takes over needs a name of
 * its own.
 *
 * @param placementId - the placement
 * @param run - how many executions ran the lifecycle before this one @default 0
 */
export function lifecycleExecutionName(placementId: string, run = 0): string {
  return run === 0 ? `placement-${placementId}` : `placement-${placementId}-r${run}`;
}

/**
 * The run of a placement's lifecycle execution from its name (0 for `placement-<id>`), or
 * undefined for a name that is not one of the placement's.
 *
 * @param placementId - the placement
 * @param executionName - the execution's name
 */
export function lifecycleExecutionRun(
  placementId: string,
  executionName: string,
): number | undefined {
  const first = lifecycleExecutionName(placementId);
  if (executionName === first) return 0;
  const run = executionName.startsWith(`${first}-r`)
    ? Number(executionName.slice(first.length + 2))
    : Number.NaN;
  return Number.isInteger(run) && run > 0 ? run : undefined;
}

/**
 * The name of the execution that takes over a lifecycle from the one it names now: the next
 * run's.
 *
 * @param placementId - the placement
 * @param currentName - the name the lifecycle record holds
 */
export function nextLifecycleExecutionName(placementId: string, currentName: string): string {
  return lifecycleExecutionName(
    placementId,
    (lifecycleExecutionRun(placementId, currentName) ?? 0) + 1,
  );
}

function earlierOf(a: string, b: string): string {
  return a <= b ? a : b;
}

/** What a step's due date is computed from: the placement's dates, municipality and outcome. */
export type StepDates = Pick<Placement, 'startDate' | 'endDate' | 'municipalityCode' | 'outcome'>;

/**
 * When a step of a placement falls due, from the placement's own dates: the check-in, midway
 * evaluation and first before-the-end talk in weeks from the start (the municipality's weeks),
 * never after the end; after an extension the before-the-end talk a fixed number of days before
 * the new end; the decision on the end date; follow-ups months after the education or job began.
 *
 * @param placement - the placement as it is now
 * @param step - the step
 * @param round - the round (1, and one more per extension)
 * @param config - the lifecycle configuration
 */
export function stepDueDate(
  placement: StepDates,
  step: LifecycleStep,
  round: number,
  config: LifecycleConfig,
): string {
  const weeks = stepWeeksOf(config, placement.municipalityCode);
  const fromStart = (w: number) =>
    earlierOf(addDays(placement.startDate, w * 7), placement.endDate);
  switch (step) {
    case 'CHECK_IN':
      return fromStart(weeks.CHECK_IN);
    case 'MIDWAY_EVALUATION':
      return fromStart(weeks.MIDWAY_EVALUATION);
    case 'BEFORE_END_TALK':
      return round === 1
        ? fromStart(weeks.BEFORE_END_TALK)
        : addDays(placement.endDate, -config.beforeEndTalkDaysBeforeEnd);
    case 'OUTCOME_DECISION':
      return placement.endDate;
    case 'FOLLOW_UP_3_MONTHS':
    case 'FOLLOW_UP_6_MONTHS': {
      const began = placement.outcome?.details?.startDate ?? placement.outcome?.date;
      return addMonths(began ?? placement.endDate, config.followUpMonths[step]);
    }
  }
}

/** The start of a day (UTC) as an instant, in milliseconds. */
export function startOfDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

const DAY_MS = 86_400_000;

/** When a task of a step opens: some days before it is due. */
export function opensAt(dueDate: string, config: LifecycleConfig): number {
  return startOfDay(addDays(dueDate, -config.opensDaysBefore));
}

/**
 * The next moment an open task is chased: its reminder, then its escalation, then every
 * further escalation.
 *
 * @param task - the task as it is
 * @param config - the lifecycle configuration
 */
export function nextChaseAt(task: LifecycleTask, config: LifecycleConfig): number {
  if (task.escalations > 0 && task.lastEscalatedAt) {
    return Date.parse(task.lastEscalatedAt) + config.escalateAgainAfterDays * DAY_MS;
  }
  if (task.reminders === 0) return startOfDay(addDays(task.dueDate, config.remindAfterDays));
  return startOfDay(addDays(task.dueDate, config.escalateAfterDays));
}

/** What chasing an open task does now. */
export type Chase = 'NOTHING' | 'REMIND' | 'ESCALATE';

/**
 * What chasing an open task does at a moment: escalate it to the team leader once it is
 * `escalateAfterDays` overdue (and again every `escalateAgainAfterDays`), remind the
 * consultant once it is `remindAfterDays` overdue, or nothing yet. Deciding from the task's
 * own counters makes a repeated chase at the same moment change nothing twice.
 *
 * @param task - the task as it is
 * @param now - the lifecycle clock's now, in milliseconds
 * @param config - the lifecycle configuration
 */
export function chaseAt(task: LifecycleTask, now: number, config: LifecycleConfig): Chase {
  if (task.status !== 'OPEN') return 'NOTHING';
  if (task.escalations > 0) return now >= nextChaseAt(task, config) ? 'ESCALATE' : 'NOTHING';
  if (now >= startOfDay(addDays(task.dueDate, config.escalateAfterDays))) return 'ESCALATE';
  if (task.reminders === 0 && now >= startOfDay(addDays(task.dueDate, config.remindAfterDays))) {
    return 'REMIND';
  }
  return 'NOTHING';
}

/** Where the workflow goes after a step that branches. */
export type Route = 'EXTEND' | 'FOLLOW_UP' | 'END';

/**
 * Where the lifecycle goes after the outcome decision or the first follow-up: an extension
 * loops back to the before-the-end talk; education or a job leads to follow-ups (the second
 * only while the young person is still there); anything else ends this lifecycle (a new
 * placement has its own).
 *
 * @param step - the step just completed
 * @param result - what its task recorded
 */
export function routeAfter(step: LifecycleStep, result: TaskResult | null): Route {
  if (step === 'OUTCOME_DECISION') {
    const kind = result?.outcomeKind as OutcomeKind | null | undefined;
    if (kind === 'EXTENDED') return 'EXTEND';
    if (kind === 'EDUCATION' || kind === 'JOB') return 'FOLLOW_UP';
    return 'END';
  }
  if (step === 'FOLLOW_UP_3_MONTHS') return result?.stillThere ? 'FOLLOW_UP' : 'END';
  return 'END';
}

/** Whole weeks from a placement's first day to a last day. */
export function lengthInWeeks(startDate: string, endDate: string): number {
  return Math.floor(daysBetween(startDate, endDate) / 7);
}
