import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LifecycleStack } from '#infra/stacks/lifecycle-stack';
import { resourcesOf, type SynthesisedStage, synthesiseStage } from './synth.ts';

let prod: SynthesisedStage;
let lifecycle: Template;
let stack: LifecycleStack;

beforeAll(() => {
  // One synth without bundling for the whole file.
  prod = synthesiseStage('prod');
  stack = (prod.stacks as unknown as { lifecycle: LifecycleStack }).lifecycle;
  lifecycle = Template.fromStack(stack);
});

/** The statements of the stack's IAM policies whose logical id starts with a prefix. */
function statementsOfPolicies(
  template: Template,
  idPrefix: string,
): Array<Record<string, unknown>> {
  return Object.entries(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter(([id]) => id.startsWith(idPrefix))
    .flatMap(([, policy]) => {
      const document = policy.Properties?.PolicyDocument as
        | { Statement?: Array<Record<string, unknown>> }
        | undefined;
      return document?.Statement ?? [];
    });
}

/** The statements of a role's policies, by their `Sid`, with what they allow on what. */
function grantsOf(template: Template, idPrefix: string) {
  return Object.fromEntries(
    statementsOfPolicies(template, idPrefix)
      .filter((statement) => statement.Sid)
      .map((statement) => [
        statement.Sid,
        {
          actions: statement.Action,
          resource: JSON.stringify(statement.Resource),
          condition: JSON.stringify(statement.Condition ?? null),
        },
      ]),
  );
}

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
    // Prepare: the state machine role's statements (the reconciler's schedule invokes its own)
    const invokes = statementsOfPolicies(lifecycle, 'PlacementLifecycleRole').filter((statement) =>
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

  it("lets the task function hand a lifecycle over: start this state machine's executions, and describe them", () => {
    // Prepare
    const grants = grantsOf(lifecycle, 'LifecycleTaskRole');
    // Act
    const { HandOverLifecycleExecutions: start, DescribeLifecycleExecutions: describe } = grants;
    // Assess
    expect(start?.actions).toBe('states:StartExecution');
    expect(start?.resource).toContain(':stateMachine:nextwork-prod-placement-lifecycle');
    expect(describe?.actions).toBe('states:DescribeExecution');
    expect(describe?.resource).toContain(':execution:nextwork-prod-placement-lifecycle:*');
  });

  it('runs the lifecycle reconciler every 15 minutes with EventBridge Scheduler, one pass at a time, a failed pass left to the next', () => {
    // Prepare
    const schedule = only(resourcesOf(lifecycle, 'AWS::Scheduler::Schedule'));
    // Act
    const reconciler = Object.entries(resourcesOf(lifecycle, 'AWS::Lambda::Function')).find(
      ([id]) => id.startsWith('LifecycleReconciler'),
    )?.[1];
    // Assess
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
      Target: { RetryPolicy: { MaximumRetryAttempts: 0 } },
    });
    expect(JSON.stringify(schedule.Properties?.Target)).toContain('LifecycleReconcilerFunction');
    expect(reconciler?.Properties).toMatchObject({ ReservedConcurrentExecutions: 1 });
    const environment = JSON.stringify(reconciler?.Properties?.Environment);
    expect(environment).toContain('stateMachine:nextwork-prod-placement-lifecycle');
    expect(environment).toContain('TABLE_NAME');
  });

  it("grants the reconciler least privilege: placements and the index of running lifecycles; describe, stop and start of this state machine's executions", () => {
    // Prepare
    const grants = grantsOf(lifecycle, 'LifecycleReconcilerRole');
    // Act
    const sids = Object.keys(grants).sort();
    // Assess
    expect(sids).toEqual([
      'InspectLifecycleExecutions',
      'QueryIndexes',
      'ReadOwnAndSharedPartitions',
      'RestartLifecycleExecutions',
      'UseTableKeyThroughDynamoDb',
      'WriteOwnPartitions',
    ]);
    expect(grants.RestartLifecycleExecutions).toMatchObject({ actions: 'states:StartExecution' });
    expect(grants.RestartLifecycleExecutions?.resource).toContain('PlacementLifecycle');
    expect(grants.InspectLifecycleExecutions?.actions).toEqual([
      'states:DescribeExecution',
      'states:StopExecution',
    ]);
    expect(grants.InspectLifecycleExecutions?.resource).toContain(
      ':execution:nextwork-prod-placement-lifecycle:*',
    );
    for (const sid of ['ReadOwnAndSharedPartitions', 'WriteOwnPartitions']) {
      expect(JSON.parse(grants[sid]?.condition ?? 'null')).toEqual({
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PLACEMENT#*'] },
      });
    }
    expect(grants.QueryIndexes?.resource).toContain('/index/gsi3');
    expect(grants.QueryIndexes?.resource).not.toMatch(/gsi1|gsi2/);
  });

  it('sends the reconciler passes that failed or were not delivered to an encrypted dead-letter queue, alarmed when it holds one', () => {
    // Prepare: synthesised in beforeAll
    // Act
    const invokeConfig = only(resourcesOf(lifecycle, 'AWS::Lambda::EventInvokeConfig'));
    const queue = only(resourcesOf(lifecycle, 'AWS::SQS::Queue'));
    const schedule = only(resourcesOf(lifecycle, 'AWS::Scheduler::Schedule'));
    const alarms = Object.values(
      resourcesOf(prod.templates.observability, 'AWS::CloudWatch::Alarm'),
    ).map((alarm) => alarm.Properties);
    // Assess
    expect(JSON.stringify(invokeConfig.Properties?.FunctionName)).toContain('LifecycleReconciler');
    expect(JSON.stringify(invokeConfig.Properties?.DestinationConfig)).toContain(
      'ReconcilerDeadLetters',
    );
    expect(JSON.stringify(schedule.Properties?.Target)).toContain('ReconcilerDeadLetters');
    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true });
    expect(alarms).toContainEqual(
      expect.objectContaining({
        AlarmName: 'nextwork-prod-LifecycleReconciler-DeadLetters',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [expect.anything()],
      }),
    );
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
        'nextwork-prod-lifecycleReconciler-Errors',
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
