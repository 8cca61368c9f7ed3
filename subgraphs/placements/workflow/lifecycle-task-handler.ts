import * as z from 'zod';
import { LIFECYCLE_STEPS } from '../domain/lifecycle.ts';
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

/** The events the lifecycle state machine sends its task function (one `action` each). */
export const LifecycleTaskEventSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('schedule'), placementId: PlacementId, step: Step, round: Round }),
  z.object({
    action: z.literal('openTask'),
    placementId: PlacementId,
    step: Step,
    round: Round,
    taskToken: z.string().min(1),
  }),
  z.object({ action: z.literal('chase'), placementId: PlacementId, step: Step, round: Round }),
  z.object({ action: z.literal('route'), placementId: PlacementId, step: Step, round: Round }),
  z.object({ action: z.literal('finish'), placementId: PlacementId, round: Round }),
]);

/** An event of the lifecycle state machine to its task function. */
export type LifecycleTaskEvent = z.infer<typeof LifecycleTaskEventSchema>;

/**
 * The one lifecycle task handler: every task state of the state machine calls it (Lambda in
 * AWS, in process in the local stack) with an action, and it calls the domain's lifecycle step
 * of that name. Each step is idempotent, so Step Functions' retries change nothing twice.
 *
 * @param deps - the table, the lifecycle clock, the configuration, the engine and a logger
 */
export function createLifecycleTaskHandler(deps: LifecycleDeps) {
  return async (rawEvent: unknown): Promise<Record<string, unknown>> => {
    const event = LifecycleTaskEventSchema.parse(rawEvent);
    switch (event.action) {
      case 'schedule':
        return { ...(await scheduleStep(deps, event.placementId, event.step, event.round)) };
      case 'openTask':
        return openStepTask(deps, event.placementId, event.step, event.round, event.taskToken);
      case 'chase':
        return { ...(await chaseStepTask(deps, event.placementId, event.step, event.round)) };
      case 'route':
        return routeAfterStep(deps, event.placementId, event.step, event.round);
      case 'finish':
        return finishLifecycle(deps, event.placementId);
    }
  };
}

/** The lifecycle task handler's type. */
export type LifecycleTaskHandler = ReturnType<typeof createLifecycleTaskHandler>;
