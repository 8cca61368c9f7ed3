import * as z from 'zod';
import { createMetricsRecorder } from '#kernel/metrics';
import { LIFECYCLE_STEPS, lifecycleExecutionName } from '../domain/lifecycle.ts';
import {
  chaseStepTask,
  finishLifecycle,
  type LifecycleDeps,
  openStepTask,
  routeAfterStep,
  scheduleStep,
} from '../domain/lifecycle-progress.ts';

const Step = z.enum(LIFECYCLE_STEPS);
const Round = z.number().int().min(1);
const PlacementId = z.string().min(1).max(64);
/**
 * The name of the execution that sends the event. Optional, as every field added to the events
 * must be: an execution runs for months on the definition it started with, and the events of the
 * definition before this one do not carry it.
 */
const Execution = z.string().min(1).max(80).optional();

/**
 * The events the lifecycle state machine sends its task function (one `action` each). Tolerant:
 * fields it does not know are ignored, fields added since an execution started are optional.
 */
export const LifecycleTaskEventSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('schedule'),
    placementId: PlacementId,
    step: Step,
    round: Round,
    execution: Execution,
  }),
  z.object({
    action: z.literal('openTask'),
    placementId: PlacementId,
    step: Step,
    round: Round,
    taskToken: z.string().min(1),
    execution: Execution,
  }),
  z.object({
    action: z.literal('chase'),
    placementId: PlacementId,
    step: Step,
    round: Round,
    execution: Execution,
  }),
  z.object({
    action: z.literal('route'),
    placementId: PlacementId,
    step: Step,
    round: Round,
    execution: Execution,
  }),
  z.object({
    action: z.literal('finish'),
    placementId: PlacementId,
    round: Round,
    execution: Execution,
  }),
]);

/** An event of the lifecycle state machine to its task function. */
export type LifecycleTaskEvent = z.infer<typeof LifecycleTaskEventSchema>;

/**
 * The one lifecycle task handler: every task state of the state machine calls it (Lambda in
 * AWS, in process in the local stack) with an action, and it calls the domain's lifecycle step
 * of that name. Each step is idempotent, so Step Functions' retries change nothing twice.
 *
 * @param deps - the table, the lifecycle clock, the configuration, the engine and a logger
 *   (the tasks opened, overdue and escalated are counted per call and published at its end)
 */
export function createLifecycleTaskHandler(deps: Omit<LifecycleDeps, 'metrics'>) {
  return async (rawEvent: unknown): Promise<Record<string, unknown>> => {
    // Each call its own count, published when it ends: the local stack runs many at once.
    const metrics = createMetricsRecorder();
    try {
      return await runAction({ ...deps, metrics }, rawEvent);
    } finally {
      metrics.publish();
    }
  };
}

/** Calls the domain's lifecycle step the event names. */
async function runAction(deps: LifecycleDeps, rawEvent: unknown): Promise<Record<string, unknown>> {
  const event = LifecycleTaskEventSchema.parse(rawEvent);
  const call = {
    placementId: event.placementId,
    round: event.round,
    // The definition before this one sent no name: its executions were all named after the
    // placement (the first run's name), as no execution took a lifecycle over then.
    execution: event.execution ?? lifecycleExecutionName(event.placementId),
  };
  switch (event.action) {
    case 'schedule':
      return { ...(await scheduleStep(deps, { ...call, step: event.step })) };
    case 'openTask':
      return openStepTask(deps, { ...call, step: event.step }, event.taskToken);
    case 'chase':
      return { ...(await chaseStepTask(deps, { ...call, step: event.step })) };
    case 'route':
      return routeAfterStep(deps, { ...call, step: event.step });
    case 'finish':
      return finishLifecycle(deps, call);
  }
}

/** The lifecycle task handler's type. */
export type LifecycleTaskHandler = ReturnType<typeof createLifecycleTaskHandler>;
