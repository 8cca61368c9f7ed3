import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LifecycleStack } from '#infra/stacks/lifecycle-stack';
import { policyStatements, resourcesOf, type SynthesisedStage, synthesiseStage } from './synth.ts';

let prod: SynthesisedStage;
let lifecycle: Template;
let stack: LifecycleStack;

beforeAll(() => {
  // One synth without bundling for the whole file.
  prod = synthesiseStage('prod');
  stack = (prod.stacks as unknown as { lifecycle: LifecycleStack }).lifecycle;
  lifecycle = Template.fromStack(stack);
});

function only<T>(record: Record<string, T>): T {
  const values = Object.values(record);
  expect(values).toHaveLength(1);
  return values[0] as T;
}

describe('the lifecycle stack', () => {
  it('deploys a Standard state machine from the shared definition, logging all events without execution data, traced', () => {
    // Prepare: synthesised in beforeAll
    // Act
    const machine = only(resourcesOf(lifecycle, 'AWS::StepFunctions::StateMachine'));
    // Assess
    expect(machine.Properties).toMatchObject({
      StateMachineName: 'nextwork-prod-placement-lifecycle',
      StateMachineType: 'STANDARD',
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
      TracingConfiguration: { Enabled: true },
    });
    const definition = JSON.stringify(machine.Properties?.DefinitionString);
    expect(definition).toContain('CheckIn_AwaitPerson');
    expect(definition).toContain('arn:aws:states:::lambda:invoke.waitForTaskToken');
    const logGroups = Object.values(resourcesOf(lifecycle, 'AWS::Logs::LogGroup'));
    expect(logGroups.every((group) => typeof group.Properties?.RetentionInDays === 'number')).toBe(
      true,
    );
  });

  it('lets the state machine invoke only the lifecycle task function', () => {
    // Prepare
    const invokes = policyStatements(lifecycle).filter((statement) =>
      JSON.stringify(statement.Action).includes('lambda:'),
    );
    // Act
    const resources = invokes.map((statement) => JSON.stringify(statement.Resource));
    // Assess
    expect(invokes).toHaveLength(1);
    expect(invokes[0]?.Action).toBe('lambda:InvokeFunction');
    expect(resources[0]).toContain('LifecycleTask');
    expect(resources[0]).not.toContain(':*');
  });

  it('lets the placements function start and stop only this state machine, and answer callbacks', () => {
    // Prepare
    const policy = only(
      Object.fromEntries(
        Object.entries(resourcesOf(lifecycle, 'AWS::IAM::Policy')).filter(([id]) =>
          id.startsWith('PlacementsRunLifecycles'),
        ),
      ),
    );
    // Act
    const document = policy.Properties?.PolicyDocument as
      | { Statement: Array<Record<string, unknown>> }
      | undefined;
    const statements = document?.Statement ?? [];
    // Assess
    expect(statements.map((s) => [s.Sid, s.Action])).toEqual([
      ['StartLifecycleExecutions', 'states:StartExecution'],
      ['StopLifecycleExecutions', 'states:StopExecution'],
      [
        'AnswerLifecycleCallbacks',
        ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
      ],
    ]);
    expect(JSON.stringify(statements[0]?.Resource)).toContain('PlacementLifecycle');
    expect(JSON.stringify(statements[1]?.Resource)).toContain(
      ':execution:nextwork-prod-placement-lifecycle:*',
    );
    expect(JSON.stringify(policy.Properties?.Roles)).toContain('placements');
  });

  it('tells the placements function where the state machine is, by its fixed name', () => {
    // Prepare
    const functions = resourcesOf(prod.templates.api, 'AWS::Lambda::Function');
    // Act
    const placements = Object.entries(functions).find(([id]) =>
      id.startsWith('Subgraphplacements'),
    )?.[1];
    // Assess
    const environment = placements?.Properties?.Environment as
      | { Variables: Record<string, unknown> }
      | undefined;
    const variables = environment?.Variables ?? {};
    expect(JSON.stringify(variables.LIFECYCLE_STATE_MACHINE_ARN)).toContain(
      'stateMachine:nextwork-prod-placement-lifecycle',
    );
  });

  it('sends failed asynchronous invocations of the task function to an encrypted dead-letter queue', () => {
    // Prepare: synthesised in beforeAll
    // Act
    const invokeConfig = only(resourcesOf(lifecycle, 'AWS::Lambda::EventInvokeConfig'));
    const queue = only(resourcesOf(lifecycle, 'AWS::SQS::Queue'));
    // Assess
    expect(JSON.stringify(invokeConfig.Properties?.DestinationConfig)).toContain(
      'LifecycleTaskDeadLetters',
    );
    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true });
  });

  it('is watched: alarms on failed and timed-out executions', () => {
    // Prepare
    const alarms = resourcesOf(prod.templates.observability, 'AWS::CloudWatch::Alarm');
    // Act
    const names = Object.values(alarms).map((alarm) => alarm.Properties?.AlarmName);
    // Assess
    expect(names).toEqual(
      expect.arrayContaining([
        'nextwork-prod-Lifecycle-ExecutionsFailed',
        'nextwork-prod-Lifecycle-ExecutionsTimedOut',
        'nextwork-prod-lifecycleTask-Errors',
      ]),
    );
  });

  it('leaves no cdk-nag violation in the lifecycle stack', () => {
    // Prepare: synthesised in beforeAll
    // Act
    const violations = prod.nagViolations.filter((violation) => violation.includes('lifecycle'));
    // Assess
    expect(violations).toEqual([]);
  });
});
