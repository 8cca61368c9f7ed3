import * as z from 'zod';
import { defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { requireVersion } from '#kernel/errors';
import { danishToday } from '#kernel/today';
import type { UnitOfWork } from '#kernel/unit-of-work';
import {
  EntityIdSchema,
  ExpectedVersionSchema,
  IsoDateSchema,
  textSchema,
} from '#kernel/validation';
import { LifecycleTaskEntity } from '../repository/lifecycle-task-entity.ts';
import { loadLifecycleTask } from '../repository/lifecycle-task-repository.ts';
import { stagePlacementRecord } from '../repository/placement-writes.ts';
import { loadOneYouthFacts } from '../repository/shared-items.ts';
import { withCheckpointHeld } from './checkpoint-schedule.ts';
import { callerStaffId, PlacementChangeInputSchema } from './command-inputs.ts';
import { requireExtensionWithinLimit } from './extension-limit.ts';
import {
  CHECKPOINT_STEPS,
  FOLLOW_UP_STEPS,
  LIFECYCLE_STEPS,
  type LifecycleStep,
  type LifecycleTask,
  type PlacementFollowUp,
} from './lifecycle.ts';
import { LIFECYCLE_CONFIG } from './lifecycle-config.ts';
import { newLifecycle, resumeWorkflow, startLifecycleExecution } from './lifecycle-start.ts';
import { OUTCOME_KINDS, type Placement, RUNNING_PLACEMENT_STATUSES } from './placement.ts';
import {
  type PlacementChange,
  readPlacementToChange,
  stagePlacementChange,
} from './placement-change.ts';
import { requireSincePlacementEnd, requireSincePlacementStart } from './placement-date-bounds.ts';
import { completePlacementStep, extendPlacementStep } from './placement-lifecycle.ts';
import { recallPlacement, rememberPlacement } from './placement-results.ts';
import { broken, RULE, type RuleCode } from './rules.ts';

/**
 * The people's side of a placement's lifecycle: starting it, and completing the tasks it waits
 * on — a checkpoint held, the outcome decided, a follow-up recorded. Each stages the task (and
 * the placement where it changes) and, once committed, resumes the waiting workflow; input that
 * does not fit where the lifecycle stands changes nothing and leaves it waiting.
 */

/** The input of a task of the lifecycle completed, at the task's version the client read. */
const TaskInputSchema = z.object({
  placementId: EntityIdSchema,
  step: z.enum(LIFECYCLE_STEPS),
  expectedVersion: ExpectedVersionSchema,
});

/** The input of a checkpoint held. */
export const CompletePlacementCheckpointInputSchema = TaskInputSchema.extend({
  completedOn: IsoDateSchema,
  notes: textSchema().nullish(),
});

/** The input of an outcome decided at the end of a placement. */
export const RecordPlacementOutcomeInputSchema = PlacementChangeInputSchema.extend({
  outcome: z
    .object({
      kind: z.enum(OUTCOME_KINDS),
      date: IsoDateSchema,
      details: z
        .object({ what: textSchema(), where: textSchema(), startDate: IsoDateSchema })
        .nullish()
        .transform((details) => details ?? null),
      newEndDate: IsoDateSchema.nullish(),
      individualAssessment: z
        .boolean()
        .nullish()
        .transform((done) => done ?? false),
      specialNeed: textSchema().nullish(),
    })
    .refine((o) => !['EDUCATION', 'JOB'].includes(o.kind) || o.details !== null, {
      message: 'education and job need what, where and from when',
      path: ['details'],
    }),
});

/** The input of a retention follow-up. */
export const RecordFollowUpInputSchema = TaskInputSchema.extend({
  stillThere: z.boolean(),
  recordedOn: IsoDateSchema,
  notes: textSchema().nullish(),
});

function requireNotInFuture(date: string, today: string, path: string[]): void {
  if (date > today) throw broken(RULE.DATE_IN_FUTURE, 'The date must not be in the future', path);
}

/** The round of a step's task in a lifecycle: the first two happen once, the rest per round. */
function roundOf(step: LifecycleStep, lifecycleRound: number): number {
  return step === 'CHECK_IN' || step === 'MIDWAY_EVALUATION' ? 1 : lifecycleRound;
}

/** What makes a task not due: the rule codes a command reports. */
interface DueCodes {
  notDue: RuleCode;
  alreadyDone: RuleCode;
}

/**
 * The task of a step the lifecycle is at, if it is due, or the rule the request breaks: no
 * lifecycle, an ended one, a task done already, a step not due (its task has not opened or the
 * lifecycle is elsewhere). Pure: the task is read before.
 *
 * @param placement - the placement
 * @param step - the step asked for
 * @param task - the step's task of the lifecycle's round, as read
 * @param codes - the codes of a step not due and of one done already
 */
export function requireDueTask(
  placement: Placement,
  step: LifecycleStep,
  task: LifecycleTask | undefined,
  codes: DueCodes,
): LifecycleTask {
  const lifecycle = placement.lifecycle;
  if (!lifecycle) {
    throw broken(RULE.NO_LIFECYCLE, 'The placement has no lifecycle', ['placementId']);
  }
  if (lifecycle.status === 'ENDED') {
    throw broken(RULE.LIFECYCLE_ENDED, "The placement's lifecycle has ended", ['placementId']);
  }
  if (task?.status === 'DONE') throw broken(codes.alreadyDone, 'This is done already', ['step']);
  if (task?.status !== 'OPEN' || lifecycle.step !== step) {
    throw broken(codes.notDue, 'The lifecycle is not at this step', ['step']);
  }
  return task;
}

/** Reads the task of a step of the placement's lifecycle and requires it due. */
async function readDueTask(
  context: SubgraphContext,
  placement: Placement,
  step: LifecycleStep,
  codes: DueCodes,
): Promise<LifecycleTask> {
  const round = roundOf(step, placement.lifecycle?.round ?? 1);
  const task = placement.lifecycle
    ? await loadLifecycleTask(context.loader, placement.id, step, round)
    : undefined;
  return requireDueTask(placement, step, task, codes);
}

/** A task done: by whom, when, with what notes and what it decided (the token is spent). */
function doneTask(
  task: LifecycleTask,
  done: Pick<LifecycleTask, 'completedOn' | 'completedBy' | 'notes' | 'result'>,
): LifecycleTask {
  return { ...task, ...done, status: 'DONE', taskToken: null };
}

/**
 * Starts the lifecycle of a placement under way (the municipal team of its municipality), for
 * one that has none yet (created before the lifecycle ran, or seeded): the record first, its
 * execution once committed. A lifecycle recorded as running is answered as it is and nothing
 * starts: the one repair of an execution that stopped (or never started) is the lifecycle
 * reconciler, which restarts it at its step under the next name — a second start here could
 * only race it, and Step Functions refuses the name the record holds anyway.
 */
export const startPlacementLifecycleCommand = defineCommand({
  name: 'startPlacementLifecycle',
  input: PlacementChangeInputSchema,
  async execute(context, input, work) {
    const engine = context.services.workflows();
    const placement = await readPlacementToChange(context, input.placementId);
    if (!engine) {
      throw broken(RULE.NO_LIFECYCLE, 'No lifecycle workflow runs here', ['placementId']);
    }
    if (placement.lifecycle?.status === 'ENDED') {
      throw broken(RULE.LIFECYCLE_ENDED, "The placement's lifecycle has ended", ['placementId']);
    }
    // Started already (by this request's first run, or another): the reconciler watches it.
    if (placement.lifecycle?.status === 'RUNNING') return placement;
    requireVersion('The placement', input.expectedVersion, placement.version);
    if (!RUNNING_PLACEMENT_STATUSES.includes(placement.status)) {
      throw broken(RULE.PLACEMENT_NOT_RUNNING, 'The placement is not under way', ['placementId']);
    }
    const stored = stagePlacementRecord(work, placement, {
      ...placement,
      lifecycle: newLifecycle(placement, callerStaffId(context), context.now()),
    });
    work.afterCommit(() => startLifecycleExecution(context, engine, stored));
    return stored;
  },
  remember: rememberPlacement,
  recall: recallPlacement,
});

/**
 * Marks the check-in, midway evaluation or before-the-end talk the lifecycle waits on as held,
 * at the task's version the client read, and resumes the lifecycle once committed.
 */
export const completePlacementCheckpointCommand = defineCommand({
  name: 'completePlacementCheckpoint',
  input: CompletePlacementCheckpointInputSchema,
  async execute(context, input, work) {
    const placement = await readPlacementToChange(context, input.placementId);
    return holdLifecycleCheckpoint(context, work, placement, {
      step: input.step,
      completedOn: input.completedOn,
      notes: input.notes ?? null,
      taskVersion: input.expectedVersion,
    });
  },
  remember: rememberPlacement,
  recall: recallPlacement,
});

/** A checkpoint of a running lifecycle held: which, when, the notes, the task's version read. */
export interface CheckpointHeld {
  step: LifecycleStep;
  completedOn: string;
  notes: string | null;
  /** The task's version the client read; left out where the placement's version was checked. */
  taskVersion?: number;
}

/**
 * The one way a checkpoint of a running lifecycle is held (`completePlacementCheckpoint`, and
 * the deprecated `completeCheckpoint` while a lifecycle runs): its task done, the placement's
 * checkpoint recorded held in the same transaction (so `Placement.checkpoints` shows it), and
 * the waiting workflow resumed once committed.
 *
 * @param context - the request
 * @param work - the unit of work
 * @param placement - the placement as read
 * @param held - the checkpoint held
 * @returns the placement as it will be stored
 */
export async function holdLifecycleCheckpoint(
  context: SubgraphContext,
  work: UnitOfWork,
  placement: Placement,
  held: CheckpointHeld,
): Promise<Placement> {
  if (!CHECKPOINT_STEPS.includes(held.step)) {
    throw broken(RULE.NOT_A_CHECKPOINT, 'This step is not a checkpoint', ['step']);
  }
  const task = await readDueTask(context, placement, held.step, {
    notDue: RULE.CHECKPOINT_NOT_DUE,
    alreadyDone: RULE.CHECKPOINT_ALREADY_DONE,
  });
  if (held.taskVersion !== undefined) {
    requireVersion('The lifecycle task', held.taskVersion, task.version);
  }
  requireNotInFuture(held.completedOn, danishToday(context.now()), ['completedOn']);
  requireSincePlacementStart(held.completedOn, placement, ['completedOn']);
  work.replace(
    LifecycleTaskEntity,
    task,
    doneTask(task, {
      completedOn: held.completedOn,
      completedBy: callerStaffId(context),
      notes: held.notes,
      result: { outcomeKind: null, stillThere: null },
    }),
  );
  const stored = stagePlacementRecord(work, placement, {
    ...placement,
    checkpoints: withCheckpointHeld(placement, held.step, held.completedOn, held.notes),
  });
  const engine = context.services.workflows();
  work.afterCommit(() => resumeWorkflow(context, engine, task, { step: task.step }));
  return stored;
}

/** The step of an outcome decided: an extension within the limit, or an end. */
async function decidedStep(
  context: SubgraphContext,
  placement: Placement,
  outcome: z.infer<typeof RecordPlacementOutcomeInputSchema>['outcome'],
): Promise<{ step: PlacementChange; notes: string | null }> {
  const today = danishToday(context.now());
  if (outcome.kind !== 'EXTENDED') {
    const { kind, date, details } = outcome;
    return { step: completePlacementStep(placement, { kind, date, details }, today), notes: null };
  }
  if (!outcome.newEndDate) {
    throw broken(RULE.NEW_END_DATE_REQUIRED, 'An extension needs its new last day', [
      'outcome',
      'newEndDate',
    ]);
  }
  const youth = await loadOneYouthFacts(context.loader, placement.youthId);
  requireExtensionWithinLimit(
    placement,
    outcome.newEndDate,
    youth?.benefitCategory ?? null,
    {
      individualAssessment: outcome.individualAssessment,
      specialNeed: outcome.specialNeed ?? null,
    },
    LIFECYCLE_CONFIG,
  );
  return {
    step: extendPlacementStep(placement, outcome.newEndDate, outcome.date, today),
    notes:
      outcome.specialNeed ??
      (outcome.individualAssessment ? 'Individuel vurdering foretaget' : null),
  };
}

/**
 * Records the outcome decided at the end of a placement, when its lifecycle is at the decision:
 * an extension (within the limit of the young person's benefit category; the lifecycle loops
 * back to the before-the-end talk), or an end with what comes next (education or a job lead to
 * follow-ups). The placement, the task and the young person's status change in one transaction.
 */
export const recordPlacementOutcomeCommand = defineCommand({
  name: 'recordPlacementOutcome',
  input: RecordPlacementOutcomeInputSchema,
  async execute(context, input, work) {
    const { outcome } = input;
    const placement = await readPlacementToChange(
      context,
      input.placementId,
      input.expectedVersion,
    );
    const task = await readDueTask(context, placement, 'OUTCOME_DECISION', {
      notDue: RULE.NOT_AT_DECISION,
      alreadyDone: RULE.NOT_AT_DECISION,
    });
    const { step, notes } = await decidedStep(context, placement, outcome);
    const done = doneTask(task, {
      completedOn: outcome.date,
      completedBy: callerStaffId(context),
      notes,
      result: { outcomeKind: outcome.kind, stillThere: null },
    });
    const engine = context.services.workflows();
    return stagePlacementChange(context, work, placement, {
      ...step,
      stage: (unit) => unit.replace(LifecycleTaskEntity, task, done),
      afterCommit: () => resumeWorkflow(context, engine, task, { outcomeKind: outcome.kind }),
    });
  },
  remember: rememberPlacement,
  recall: recallPlacement,
});

/**
 * The young person's status after a retention follow-up: one no longer in the education or job
 * they went on to is back in the programme (`ENROLLED`) from the day it was recorded, so that
 * `youthStats` (falling back) and `placementStats.retention` (lost) count the same young people.
 * Nothing changes while they are still there, or when their status has moved on since (a new
 * placement, a pause, an exit): the team's later record wins.
 *
 * @param kind - what they went on to
 * @param stillThere - whether they are still there
 * @param recordedOn - the day the follow-up was recorded
 * @param current - their status as read, if known
 */
export function statusAfterFollowUp(
  kind: 'EDUCATION' | 'JOB',
  stillThere: boolean,
  recordedOn: string,
  current: string | undefined,
): PlacementChange['youthStatus'] {
  const wentOnTo = kind === 'JOB' ? 'IN_JOB' : 'IN_EDUCATION';
  if (stillThere || current !== wentOnTo) return null;
  const what = kind === 'JOB' ? 'job' : 'uddannelse';
  return { status: 'ENROLLED', reason: `Opfølgning: ikke længere i ${what}`, date: recordedOn };
}

/**
 * Records a retention follow-up the lifecycle waits on, at the task's version the client read:
 * whether the young person is still in the education or job they went on to. The 6-month
 * follow-up only comes while they are.
 */
export const recordFollowUpCommand = defineCommand({
  name: 'recordFollowUp',
  input: RecordFollowUpInputSchema,
  async execute(context, input, work) {
    const placement = await readPlacementToChange(context, input.placementId);
    if (!FOLLOW_UP_STEPS.includes(input.step)) {
      throw broken(RULE.NOT_A_FOLLOW_UP, 'This step is not a follow-up', ['step']);
    }
    const task = await readDueTask(context, placement, input.step, {
      notDue: RULE.FOLLOW_UP_NOT_DUE,
      alreadyDone: RULE.FOLLOW_UP_ALREADY_DONE,
    });
    requireVersion('The lifecycle task', input.expectedVersion, task.version);
    requireNotInFuture(input.recordedOn, danishToday(context.now()), ['recordedOn']);
    requireSincePlacementEnd(input.recordedOn, placement, ['recordedOn']);
    const kind = placement.outcome?.kind;
    if (kind !== 'EDUCATION' && kind !== 'JOB') {
      throw broken(RULE.FOLLOW_UP_NOT_DUE, 'Only education or a job is followed up', ['step']);
    }
    const followUp: PlacementFollowUp = {
      step: input.step as PlacementFollowUp['step'],
      outcomeKind: kind,
      dueDate: task.dueDate,
      recordedOn: input.recordedOn,
      stillThere: input.stillThere,
      notes: input.notes ?? null,
    };
    const done = doneTask(task, {
      completedOn: input.recordedOn,
      completedBy: callerStaffId(context),
      notes: input.notes ?? null,
      result: { outcomeKind: null, stillThere: input.stillThere },
    });
    const youth = await loadOneYouthFacts(context.loader, placement.youthId);
    const engine = context.services.workflows();
    return stagePlacementChange(context, work, placement, {
      after: { ...placement, followUps: [...(placement.followUps ?? []), followUp] },
      youthStatus: statusAfterFollowUp(kind, input.stillThere, input.recordedOn, youth?.status),
      stage: (unit) => unit.replace(LifecycleTaskEntity, task, done),
      afterCommit: () => resumeWorkflow(context, engine, task, { stillThere: input.stillThere }),
    });
  },
  remember: rememberPlacement,
  recall: recallPlacement,
});
