import { StateMachine } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import {
  CALLBACK_RESOURCE,
  LOCAL_TASK_FUNCTION_ARN,
  placementLifecycleDefinition,
} from '#infra/lifecycle/placement-lifecycle.asl';
import { validateDefinition } from '#infra/lifecycle/validate-definition';

const FUNCTION_ARN = 'arn:aws:lambda:eu-north-1:123456789012:function:nextwork-prod-lifecycle';

type State = {
  Type: string;
  Next?: string;
  Default?: string;
  Resource?: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Choices?: Array<{ Next: string }>;
  Catch?: Array<{ Next: string }>;
};

describe('the placement lifecycle definition', () => {
  it('is valid Amazon States Language (asl-validator, paths and ARNs checked)', () => {
    // Prepare
    const definition = placementLifecycleDefinition(FUNCTION_ARN);
    // Act
    const result = validateDefinition(definition);
    // Assess
    expect(result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('is accepted by the local runner as it is', () => {
    // Prepare
    const definition = placementLifecycleDefinition(LOCAL_TASK_FUNCTION_ARN);
    // Act
    const build = () => new StateMachine(definition as never);
    // Assess
    expect(build).not.toThrow();
  });

  it('gives every task a timeout and every callback wait a computed one that is chased on timeout', () => {
    // Prepare
    const states = placementLifecycleDefinition(FUNCTION_ARN).States as unknown as Record<
      string,
      State
    >;
    // Act
    const tasks = Object.entries(states).filter(([, state]) => state.Type === 'Task');
    const callbacks = tasks.filter(([, state]) => state.Resource === CALLBACK_RESOURCE);
    // Assess
    expect(callbacks.map(([name]) => name)).toEqual([
      'CheckIn_AwaitPerson',
      'MidwayEvaluation_AwaitPerson',
      'BeforeEndTalk_AwaitPerson',
      'OutcomeDecision_AwaitPerson',
      'FollowUp3Months_AwaitPerson',
      'FollowUp6Months_AwaitPerson',
    ]);
    for (const [name, state] of tasks) {
      expect(state.TimeoutSeconds ?? state.TimeoutSecondsPath, name).toBeDefined();
    }
    for (const [name, state] of callbacks) {
      expect(state.Catch?.[0]?.Next, name).toBe(name.replace('AwaitPerson', 'Chase'));
    }
  });

  it('reaches every state from the start, resumes at every step, and loops an extension back', () => {
    // Prepare
    const definition = placementLifecycleDefinition(FUNCTION_ARN);
    const states = definition.States as unknown as Record<string, State>;
    // Act
    const reached = new Set<string>();
    const visit = (name: string) => {
      if (reached.has(name)) return;
      reached.add(name);
      const state = states[name] as State;
      for (const next of [
        state.Next,
        state.Default,
        ...(state.Choices ?? []).map((c) => c.Next),
        ...(state.Catch ?? []).map((c) => c.Next),
      ]) {
        if (next) visit(next);
      }
    };
    visit(definition.StartAt);
    // Assess
    expect([...reached].sort()).toEqual(Object.keys(states).sort());
    expect(states.Resume?.Choices).toHaveLength(6);
    expect(states.Extension_NextRound?.Next).toBe('BeforeEndTalk_Plan');
  });
});
