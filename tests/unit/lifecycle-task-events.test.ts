import { describe, expect, it } from 'vitest';
import {
  CALLBACK_RESOURCE,
  LOCAL_TASK_FUNCTION_ARN,
  placementLifecycleDefinition,
} from '#infra/lifecycle/placement-lifecycle.asl';
import { LifecycleTaskEventSchema } from '#placements/workflow/lifecycle-task-handler';
import earlierDefinition from '../support/lifecycle-definition-v1.json' with { type: 'json' };

interface TaskState {
  Type: string;
  Resource?: string;
  Parameters?: Record<string, unknown> & { Payload?: Record<string, unknown> };
}

/** What the paths of a task's parameters find in a running execution. */
const AT_PATH: Record<string, unknown> = {
  '$.placementId': 'p-1',
  '$.round': 2,
  '$.timer.timeoutSeconds': 3600,
  '$$.Task.Token': 'token-1',
  '$$.Execution.Name': 'placement-p-1-r1',
};

/** The event each task state of a definition sends the task function, its paths filled in. */
function eventsOf(definition: { States: Record<string, unknown> }): Array<[string, unknown]> {
  return Object.entries(definition.States as Record<string, TaskState>)
    .filter(([, state]) => state.Type === 'Task')
    .map(([name, state]) => {
      const template =
        state.Resource === CALLBACK_RESOURCE ? state.Parameters?.Payload : state.Parameters;
      const event = Object.fromEntries(
        Object.entries(template ?? {}).map(([key, value]) =>
          key.endsWith('.$') ? [key.slice(0, -2), AT_PATH[String(value)]] : [key, value],
        ),
      );
      return [name, event];
    });
}

/**
 * The task handler's event schema against the events of every definition an execution may
 * still run on: executions keep the definition they started with for months, so an event of
 * the definition before this one must parse, and a field added since is optional.
 */
describe('the lifecycle task events', () => {
  it('accepts every event of the earlier definition, which names no execution', () => {
    // Prepare
    const events = eventsOf(earlierDefinition);
    // Act
    const parsed = events.map(([name, event]) => [name, LifecycleTaskEventSchema.safeParse(event)]);
    // Assess
    expect(events.length).toBeGreaterThan(20);
    for (const [name, result] of parsed)
      expect(result, String(name)).toMatchObject({ success: true });
    expect(events.every(([, event]) => !('execution' in (event as object)))).toBe(true);
  });

  it("accepts every event of today's definition, each naming the execution that sends it", () => {
    // Prepare
    const events = eventsOf(placementLifecycleDefinition(LOCAL_TASK_FUNCTION_ARN));
    // Act
    const parsed = events.map(([, event]) => LifecycleTaskEventSchema.parse(event));
    // Assess
    expect(parsed.map((event) => event.execution)).toEqual(events.map(() => 'placement-p-1-r1'));
  });

  it('ignores a field it does not know, as a later definition may send one', () => {
    // Prepare
    const event = { action: 'chase', placementId: 'p-1', step: 'CHECK_IN', round: 1, later: 'x' };
    // Act
    const parsed = LifecycleTaskEventSchema.parse(event);
    // Assess
    expect(parsed).toEqual({ action: 'chase', placementId: 'p-1', step: 'CHECK_IN', round: 1 });
  });
});
