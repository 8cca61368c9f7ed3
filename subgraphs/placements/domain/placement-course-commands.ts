import * as z from 'zod';
import { defineCommand } from '#kernel/command';
import { danishToday } from '#kernel/today';
import { IsoDateSchema, textSchema } from '#kernel/validation';
import { loadOneYouthFacts } from '../repository/shared-items.ts';
import { checkpointStepOf } from './checkpoint-schedule.ts';
import { callerStaffId, PlacementChangeInputSchema } from './command-inputs.ts';
import { requireExtensionWithinLimit } from './extension-limit.ts';
import { holdLifecycleCheckpoint } from './lifecycle-commands.ts';
import { LIFECYCLE_CONFIG } from './lifecycle-config.ts';
import {
  cancelOpenTasks,
  newLifecycle,
  requireNoRunningLifecycle,
  startLifecycleExecution,
  stopLifecycleExecution,
} from './lifecycle-start.ts';
import { readPlacementToChange, stagePlacementChange } from './placement-change.ts';
import { followUpLifecycle } from './placement-early-leave.ts';
import {
  completeCheckpointStep,
  completePlacementStep,
  extendPlacementStep,
  interruptPlacementStep,
  startPlacementStep,
} from './placement-lifecycle.ts';
import { recallPlacement, rememberPlacement } from './placement-results.ts';

/**
 * The steps of a placement's course that the municipal team takes by hand: start it, hold a
 * checkpoint, extend it, complete it, interrupt it. Each reads the placement at the version the
 * client read, decides its step (`placement-lifecycle.ts`) and stages it (`placement-change.ts`).
 */

/** The input of a checkpoint held. */
export const CompleteCheckpointInputSchema = PlacementChangeInputSchema.extend({
  checkpointId: z.string().min(1).max(20),
  completedOn: IsoDateSchema,
  notes: textSchema().nullish(),
});

/** The input of an extension. */
export const ExtendPlacementInputSchema = PlacementChangeInputSchema.extend({
  newEndDate: IsoDateSchema,
  date: IsoDateSchema,
  individualAssessment: z
    .boolean()
    .nullish()
    .transform((done) => done ?? false),
});

const OutcomeInputSchema = z
  .object({
    kind: z.enum(['EXTENDED', 'NEW_PLACEMENT', 'EDUCATION', 'JOB', 'PAUSE', 'DROPPED_OUT']),
    date: IsoDateSchema,
    details: z
      .object({ what: textSchema(), where: textSchema(), startDate: IsoDateSchema })
      .nullish()
      .transform((details) => details ?? null),
  })
  .refine((o) => !['EDUCATION', 'JOB'].includes(o.kind) || o.details !== null, {
    message: 'education and job need what, where and from when',
    path: ['details'],
  });

/** The input of a placement that ran its course. */
export const CompletePlacementInputSchema = PlacementChangeInputSchema.extend({
  outcome: OutcomeInputSchema,
});

/** The input of an interrupted placement. */
export const InterruptPlacementInputSchema = PlacementChangeInputSchema.extend({
  outcome: OutcomeInputSchema,
  reflection: z
    .object({
      whatHappened: textSchema(),
      whatWasLearned: textSchema(),
      whatNext: textSchema(),
    })
    .nullish()
    .transform((reflection) => reflection ?? null),
});

/**
 * Starts a planned placement on or after its start date, the young person in placement; and
 * its lifecycle, when a lifecycle engine runs, once the change is committed.
 */
export const startPlacementCommand = defineCommand({
  name: 'startPlacement',
  input: PlacementChangeInputSchema,
  async execute(context, input, work) {
    const before = await readPlacementToChange(context, input.placementId, input.expectedVersion);
    const step = startPlacementStep(before, danishToday(context.now()));
    const engine = context.services.workflows();
    if (!engine) return stagePlacementChange(context, work, before, step);
    return stagePlacementChange(context, work, before, {
      ...step,
      after: {
        ...step.after,
        lifecycle: newLifecycle(step.after, callerStaffId(context), context.now()),
      },
      afterCommit: (stored) => startLifecycleExecution(context, engine, stored),
    });
  },
  remember: rememberPlacement,
  recall: recallPlacement,
});

/**
 * Marks a checkpoint as held, with the team's notes (deprecated for
 * `completePlacementCheckpoint`). While the placement's lifecycle runs, it holds the lifecycle's
 * step the checkpoint is, the one way (`holdLifecycleCheckpoint`), so an older client still
 * moves the lifecycle on; without a running lifecycle it records the checkpoint on the placement.
 */
export const completeCheckpointCommand = defineCommand({
  name: 'completeCheckpoint',
  input: CompleteCheckpointInputSchema,
  async execute(context, input, work) {
    const before = await readPlacementToChange(context, input.placementId, input.expectedVersion);
    if (before.lifecycle?.status === 'RUNNING') {
      return holdLifecycleCheckpoint(context, work, before, {
        step: checkpointStepOf(input.checkpointId),
        completedOn: input.completedOn,
        notes: input.notes ?? null,
      });
    }
    const step = completeCheckpointStep(
      before,
      input.checkpointId,
      input.completedOn,
      input.notes ?? null,
      danishToday(context.now()),
    );
    return stagePlacementChange(context, work, before, step);
  },
  remember: rememberPlacement,
  recall: recallPlacement,
});

/**
 * Extends a placement under way to a later end date. While its lifecycle runs, an extension is
 * the lifecycle's decision (`recordPlacementOutcome`).
 */
export const extendPlacementCommand = defineCommand({
  name: 'extendPlacement',
  input: ExtendPlacementInputSchema,
  async execute(context, input, work) {
    const before = await readPlacementToChange(context, input.placementId, input.expectedVersion);
    requireNoRunningLifecycle(before);
    const step = extendPlacementStep(
      before,
      input.newEndDate,
      input.date,
      danishToday(context.now()),
    );
    const youth = await loadOneYouthFacts(context.loader, before.youthId);
    requireExtensionWithinLimit(
      before,
      input.newEndDate,
      youth?.benefitCategory ?? null,
      // Beyond the assessed length a special need is recorded with the lifecycle's decision.
      { individualAssessment: input.individualAssessment, specialNeed: null },
      LIFECYCLE_CONFIG,
      { limit: ['newEndDate'], category: ['placementId'] },
    );
    return stagePlacementChange(context, work, before, step);
  },
  remember: rememberPlacement,
  recall: recallPlacement,
});

/**
 * Ends a placement that ran its course, with its outcome. While its lifecycle runs, the outcome
 * is the lifecycle's decision (`recordPlacementOutcome`).
 */
export const completePlacementCommand = defineCommand({
  name: 'completePlacement',
  input: CompletePlacementInputSchema,
  async execute(context, input, work) {
    const before = await readPlacementToChange(context, input.placementId, input.expectedVersion);
    requireNoRunningLifecycle(before);
    const step = completePlacementStep(before, input.outcome, danishToday(context.now()));
    return stagePlacementChange(context, work, before, step);
  },
  remember: rememberPlacement,
  recall: recallPlacement,
});

/**
 * Ends a placement early, with its outcome (and a learning reflection, unless the young person
 * left for education or a job). A running lifecycle's open tasks are cancelled in the same
 * transaction. After an interruption its execution is stopped once committed; after leaving for
 * education or a job the lifecycle goes on to the retention follow-ups under a new execution
 * (`placement-early-leave.ts`), so retention counts the early leavers too.
 */
export const interruptPlacementCommand = defineCommand({
  name: 'interruptPlacement',
  input: InterruptPlacementInputSchema,
  async execute(context, input, work) {
    const before = await readPlacementToChange(context, input.placementId, input.expectedVersion);
    const step = interruptPlacementStep(
      before,
      input.outcome,
      input.reflection,
      danishToday(context.now()),
    );
    const lifecycle = before.lifecycle;
    if (lifecycle?.status !== 'RUNNING') return stagePlacementChange(context, work, before, step);
    const engine = context.services.workflows();
    const stage = await cancelOpenTasks(context.table, before.id);
    if (step.after.status === 'COMPLETED') {
      const followUps = followUpLifecycle(step.after, lifecycle);
      return stagePlacementChange(context, work, before, {
        ...step,
        after: { ...step.after, lifecycle: followUps },
        stage,
        afterCommit: async (stored) => {
          await stopLifecycleExecution(context, engine, lifecycle.executionId);
          await startLifecycleExecution(context, engine, stored);
        },
      });
    }
    return stagePlacementChange(context, work, before, {
      ...step,
      after: {
        ...step.after,
        lifecycle: {
          ...lifecycle,
          status: 'ENDED',
          nextDueDate: null,
          endedAt: context.now().toISOString(),
          endReason: 'INTERRUPTED',
        },
      },
      stage,
      afterCommit: () => stopLifecycleExecution(context, engine, lifecycle.executionId),
    });
  },
  remember: rememberPlacement,
  recall: recallPlacement,
});
