import * as z from 'zod';
import { requireIdentity, requireStaffOf } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { createItemLoader } from '#kernel/entity-loader';
import type { Table } from '#kernel/table/table';
import { danishToday } from '#kernel/today';
import { EntityIdSchema, IsoDateSchema, parseInput, textSchema } from '#kernel/validation';
import {
  lifecycleTaskWriteAction,
  readLifecycleTask,
  saveLifecycleTask,
} from '../repository/lifecycle-task-repository.ts';
import { readPlacement } from '../repository/placement-repository.ts';
import { placementRecordWriteAction } from '../repository/placement-writes.ts';
import { loadYouthFacts } from '../repository/shared-items.ts';
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
import type { LifecycleEngine } from './lifecycle-engine.ts';
import { newLifecycle, resumeWorkflow, startLifecycleExecution } from './lifecycle-start.ts';
import { OUTCOME_KINDS, type Placement, RUNNING_PLACEMENT_STATUSES } from './placement.ts';
import { changePlacement } from './placement-commands.ts';
import { completePlacementStep, extendPlacementStep } from './placement-lifecycle.ts';
import { withConflictRetries } from './retry.ts';
import { broken, RULE, type RuleCode } from './rules.ts';

/**
 * The people's side of a placement's lifecycle: starting it, and completing the tasks it waits
 * on — a checkpoint held, the outcome decided, a follow-up recorded. Each writes the task (and
 * the placement where it changes) first, on condition, and then resumes the waiting workflow;
 * input that does not fit where the lifecycle stands changes nothing and leaves it waiting.
 */

const PlacementIdSchema = z.object({ placementId: EntityIdSchema });

/** The input of a checkpoint held. */
export const CompletePlacementCheckpointInputSchema = PlacementIdSchema.extend({
  step: z.enum(LIFECYCLE_STEPS),
  completedOn: IsoDateSchema,
  notes: textSchema(4000).nullish(),
});

/** The input of an outcome decided at the end of a placement. */
export const RecordPlacementOutcomeInputSchema = PlacementIdSchema.extend({
  outcome: z
    .object({
      kind: z.enum(OUTCOME_KINDS),
      date: IsoDateSchema,
      details: z
        .object({ what: textSchema(200), where: textSchema(200), startDate: IsoDateSchema })
        .nullish()
        .transform((details) => details ?? null),
      newEndDate: IsoDateSchema.nullish(),
      individualAssessment: z
        .boolean()
        .nullish()
        .transform((done) => done ?? false),
      specialNeed: textSchema(1000).nullish(),
    })
    .refine((o) => !['EDUCATION', 'JOB'].includes(o.kind) || o.details !== null, {
      message: 'education and job need what, where and from when',
      path: ['details'],
    }),
});

/** The input of a retention follow-up. */
export const RecordFollowUpInputSchema = PlacementIdSchema.extend({
  step: z.enum(LIFECYCLE_STEPS),
  stillThere: z.boolean(),
  recordedOn: IsoDateSchema,
  notes: textSchema(4000).nullish(),
});

function requireNotInFuture(date: string, today: string, path: string[]): void {
  if (date > today) throw broken(RULE.DATE_IN_FUTURE, 'The date must not be in the future', path);
}

/** The round of a step's task in a lifecycle: the first two happen once, the rest per round. */
function roundOf(step: LifecycleStep, lifecycleRound: number): number {
  return step === 'CHECK_IN' || step === 'MIDWAY_EVALUATION' ? 1 : lifecycleRound;
}

/**
 * The open task of a step the lifecycle is at, or the rule the request breaks: no lifecycle, an
 * ended one, a task done already, a step not due (its task has not opened or the lifecycle is
 * elsewhere).
 */
async function requireDueTask(
  table: Table,
  placement: Placement,
  step: LifecycleStep,
  codes: { notDue: RuleCode; alreadyDone: RuleCode },
): Promise<LifecycleTask> {
  const lifecycle = placement.lifecycle;
  if (!lifecycle) {
    throw broken(RULE.NO_LIFECYCLE, 'The placement has no lifecycle', ['placementId']);
  }
  if (lifecycle.status === 'ENDED') {
    throw broken(RULE.LIFECYCLE_ENDED, "The placement's lifecycle has ended", ['placementId']);
  }
  const task = await readLifecycleTask(table, placement.id, step, roundOf(step, lifecycle.round));
  if (task?.status === 'DONE') throw broken(codes.alreadyDone, 'This is done already', ['step']);
  if (task?.status !== 'OPEN' || lifecycle.step !== step) {
    throw broken(codes.notDue, 'The lifecycle is not at this step', ['step']);
  }
  return task;
}

/**
 * Starts the lifecycle of a placement under way (municipal team of its municipality), for one
 * that has none yet (created before the lifecycle ran, or seeded). Starting it again starts
 * nothing new: the execution is named after the placement, and a lifecycle recorded as running
 * is only resumed where it stands.
 *
 * @param context - the request's context
 * @param rawInput - the mutation's input
 * @param engine - the lifecycle engine
 */
export async function startPlacementLifecycle(
  context: SubgraphContext,
  rawInput: unknown,
  engine: LifecycleEngine | null,
): Promise<Placement> {
  const identity = requireIdentity(context);
  const input = parseInput(PlacementIdSchema, rawInput);
  const stored = await withConflictRetries(async () => {
    const placement = await readPlacement(context.table, input.placementId);
    if (!placement) throw broken(RULE.PLACEMENT_NOT_FOUND, 'No such placement', ['placementId']);
    const staff = requireStaffOf(identity, placement.municipalityCode);
    if (!engine) {
      throw broken(RULE.NO_LIFECYCLE, 'No lifecycle workflow runs here', ['placementId']);
    }
    if (placement.lifecycle?.status === 'ENDED') {
      throw broken(RULE.LIFECYCLE_ENDED, "The placement's lifecycle has ended", ['placementId']);
    }
    if (placement.lifecycle?.status === 'RUNNING') return placement;
    if (!RUNNING_PLACEMENT_STATUSES.includes(placement.status)) {
      throw broken(RULE.PLACEMENT_NOT_RUNNING, 'The placement is not under way', ['placementId']);
    }
    const after = {
      ...placement,
      lifecycle: newLifecycle(placement, staff.staffId, context.now()),
    };
    const write = placementRecordWriteAction(placement, after);
    if ('put' in write.action) await context.table.put(write.action.put, write.action.condition);
    return write.stored;
  });
  await startLifecycleExecution(context, engine, stored);
  return stored;
}

/**
 * Marks the check-in, midway evaluation or before-the-end talk the lifecycle waits on as held,
 * and resumes the lifecycle.
 *
 * @param context - the request's context
 * @param rawInput - the mutation's input
 * @param engine - the lifecycle engine, if any
 */
export async function completePlacementCheckpoint(
  context: SubgraphContext,
  rawInput: unknown,
  engine: LifecycleEngine | null,
): Promise<Placement> {
  const identity = requireIdentity(context);
  const input = parseInput(CompletePlacementCheckpointInputSchema, rawInput);
  const today = danishToday(context.now());
  const { placement, task } = await withConflictRetries(async () => {
    const placement = await readPlacement(context.table, input.placementId);
    if (!placement) throw broken(RULE.PLACEMENT_NOT_FOUND, 'No such placement', ['placementId']);
    const staff = requireStaffOf(identity, placement.municipalityCode);
    if (!CHECKPOINT_STEPS.includes(input.step)) {
      throw broken(RULE.NOT_A_CHECKPOINT, 'This step is not a checkpoint', ['step']);
    }
    const task = await requireDueTask(context.table, placement, input.step, {
      notDue: RULE.CHECKPOINT_NOT_DUE,
      alreadyDone: RULE.CHECKPOINT_ALREADY_DONE,
    });
    requireNotInFuture(input.completedOn, today, ['completedOn']);
    await saveLifecycleTask(context.table, task, {
      ...task,
      status: 'DONE',
      completedOn: input.completedOn,
      completedBy: staff.staffId,
      notes: input.notes ?? null,
      result: { outcomeKind: null, stillThere: null },
      taskToken: null,
    });
    return { placement, task };
  });
  context.logger.info('Lifecycle checkpoint held', { placementId: placement.id, step: task.step });
  await resumeWorkflow(context, engine, task, { step: task.step });
  return placement;
}

/**
 * Records the outcome decided at the end of a placement, when its lifecycle is at the decision:
 * an extension (within the limit of the young person's benefit category; the lifecycle loops
 * back to the before-the-end talk), or an end with what comes next (education or a job lead to
 * follow-ups). The placement, the task and the young person's status change in one transaction.
 *
 * @param context - the request's context
 * @param rawInput - the mutation's input
 * @param engine - the lifecycle engine, if any
 */
export function recordPlacementOutcome(
  context: SubgraphContext,
  rawInput: unknown,
  engine: LifecycleEngine | null,
): Promise<Placement> {
  requireIdentity(context);
  const input = parseInput(RecordPlacementOutcomeInputSchema, rawInput);
  const { outcome } = input;
  return changePlacement(context, input.placementId, async (placement, today, staffId) => {
    const task = await requireDueTask(context.table, placement, 'OUTCOME_DECISION', {
      notDue: RULE.NOT_AT_DECISION,
      alreadyDone: RULE.NOT_AT_DECISION,
    });
    let step: ReturnType<typeof completePlacementStep>;
    let notes: string | null = null;
    if (outcome.kind === 'EXTENDED') {
      if (!outcome.newEndDate) {
        throw broken(RULE.NEW_END_DATE_REQUIRED, 'An extension needs its new last day', [
          'outcome',
          'newEndDate',
        ]);
      }
      const [youth] = await loadYouthFacts(createItemLoader(context.table), [placement.youthId]);
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
      step = extendPlacementStep(placement, outcome.newEndDate, outcome.date, today);
      notes =
        outcome.specialNeed ??
        (outcome.individualAssessment ? 'Individuel vurdering foretaget' : null);
    } else {
      step = completePlacementStep(
        placement,
        { kind: outcome.kind, date: outcome.date, details: outcome.details },
        today,
      );
    }
    const done: LifecycleTask = {
      ...task,
      status: 'DONE',
      completedOn: outcome.date,
      completedBy: staffId,
      notes,
      result: { outcomeKind: outcome.kind, stillThere: null },
      taskToken: null,
    };
    return {
      ...step,
      actions: [lifecycleTaskWriteAction(task, done).action],
      afterCommit: () => resumeWorkflow(context, engine, task, { outcomeKind: outcome.kind }),
    };
  });
}

/**
 * Records a retention follow-up the lifecycle waits on: whether the young person is still in
 * the education or job they went on to. The 6-month follow-up only comes while they are.
 *
 * @param context - the request's context
 * @param rawInput - the mutation's input
 * @param engine - the lifecycle engine, if any
 */
export function recordFollowUp(
  context: SubgraphContext,
  rawInput: unknown,
  engine: LifecycleEngine | null,
): Promise<Placement> {
  requireIdentity(context);
  const input = parseInput(RecordFollowUpInputSchema, rawInput);
  return changePlacement(context, input.placementId, async (placement, today, staffId) => {
    if (!FOLLOW_UP_STEPS.includes(input.step)) {
      throw broken(RULE.NOT_A_FOLLOW_UP, 'This step is not a follow-up', ['step']);
    }
    const task = await requireDueTask(context.table, placement, input.step, {
      notDue: RULE.FOLLOW_UP_NOT_DUE,
      alreadyDone: RULE.FOLLOW_UP_ALREADY_DONE,
    });
    requireNotInFuture(input.recordedOn, today, ['recordedOn']);
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
    const done: LifecycleTask = {
      ...task,
      status: 'DONE',
      completedOn: input.recordedOn,
      completedBy: staffId,
      notes: input.notes ?? null,
      result: { outcomeKind: null, stillThere: input.stillThere },
      taskToken: null,
    };
    return {
      after: { ...placement, followUps: [...(placement.followUps ?? []), followUp] },
      youthStatus: null,
      actions: [lifecycleTaskWriteAction(task, done).action],
      afterCommit: () => resumeWorkflow(context, engine, task, { stillThere: input.stillThere }),
    };
  });
}
