import {
  ArnFormat,
  type CfnElement,
  Duration,
  Stack,
  type StackProps,
  Token,
  Validations,
} from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IRole, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import {
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { LIFECYCLE_RECONCILER_ENTRY, LIFECYCLE_TASK_ENTRY } from '../config/bundling.ts';
import { KEY_PREFIXES, LIFECYCLE_RECONCILER_KEY_PREFIXES } from '../config/key-prefixes.ts';
import type { StageConfig } from '../config/stage.ts';
import { NextworkFunction } from '../constructs/nextwork-function.ts';
import { grantTableAccess } from '../constructs/table-access.ts';
import { placementLifecycleDefinition } from '../lifecycle/placement-lifecycle.asl.ts';

/** Settings of the lifecycle stack: the data it works on and who starts its executions. */
export interface LifecycleStackProps extends StackProps {
  config: StageConfig;
  table: ITableV2;
  key: IKey;
  /** The placements subgraph's role: its mutations start, resume and stop executions. */
  placementsRole: IRole;
}

/** The state machine's name: fixed per stage, so that its ARN is known without a reference. */
export function lifecycleStateMachineName(stage: string): string {
  return `nextwork-${stage}-placement-lifecycle`;
}

/**
 * The ARN of a stage's lifecycle state machine, built in the stack that needs it (the api
 * stack's placements function reads it from `LIFECYCLE_STATE_MACHINE_ARN`) without a reference
 * to this stack, which grants that function afterwards.
 *
 * @param scope - the stack that needs the ARN
 * @param stage - the stage
 */
export function lifecycleStateMachineArn(scope: Stack, stage: string): string {
  return scope.formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: lifecycleStateMachineName(stage),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** How often EventBridge Scheduler runs the lifecycle reconciler. */
export const RECONCILE_EVERY = Duration.minutes(15);

/**
 * The placement lifecycle (`docs/architecture.md`, "Lifecycles"): the Standard state machine built from the one ASL
 * definition (`infra/lifecycle/placement-lifecycle.asl.ts`) the local stack runs too, with
 * logging (all events, no execution data: inputs carry ids only, and stay out of logs anyway)
 * and X-Ray tracing; the one lifecycle task function its task states call (the placements
 * subgraph's key prefixes); the lifecycle reconciler, run by EventBridge Scheduler every 15
 * minutes, which restarts the lifecycles whose execution stopped (a dead-letter queue for its
 * passes that were not delivered or failed); least privilege throughout: the state machine may invoke only that
 * function; the task function may start this state machine's executions (a hand-over) and
 * describe them (when did this one start); the reconciler may read and write placements,
 * query the index of running lifecycles, and describe, stop and start this state machine's
 * executions; the placements function may only start and stop them and answer callbacks.
 */
export class LifecycleStack extends Stack {
  /** The lifecycle state machine. */
  readonly stateMachine: StateMachine;
  /** The lifecycle task function. */
  readonly taskFunction: NextworkFunction;
  /**
   * Where the reconciler's passes end up that EventBridge Scheduler could not deliver or that
   * failed (invoked asynchronously, not retried: the next pass comes in 15 minutes).
   */
  readonly deadLetterQueue: Queue;
  /** The lifecycle reconciler's function. */
  readonly reconcilerFunction: NextworkFunction;

  constructor(scope: Construct, id: string, props: LifecycleStackProps) {
    super(scope, id, props);
    const { config } = props;
    const stateMachineArn = lifecycleStateMachineArn(this, config.stage);

    this.taskFunction = new NextworkFunction(this, 'LifecycleTask', {
      entry: LIFECYCLE_TASK_ENTRY,
      description: 'NEXTWORK placement lifecycle tasks',
      serviceName: 'nextwork-placement-lifecycle',
      stage: config.stage,
      logLevel: config.logLevel,
      logRetention: config.logRetention,
      logRemovalPolicy: config.dataRemovalPolicy,
      memorySize: 512,
      timeout: Duration.seconds(30),
      environment: {
        TABLE_NAME: props.table.tableName,
        LIFECYCLE_STATE_MACHINE_ARN: stateMachineArn,
      },
    });
    // The task items and lifecycle records live in the placements subgraph's partitions.
    grantTableAccess(this.taskFunction.role, props.table, props.key, KEY_PREFIXES.placements);

    // The state machine invokes the task function synchronously (RequestResponse, with or
    // without a task token): its failures are the execution's (retried, then alarmed as failed
    // executions and repaired by the reconciler), never an asynchronous invocation's. What is
    // invoked asynchronously is the reconciler, by EventBridge Scheduler: its dead letters are
    // the passes that could not be delivered or failed.
    this.deadLetterQueue = new Queue(this, 'ReconcilerDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the lifecycle reconciler.',
    });

    const logs = new LogGroup(this, 'LifecycleLogs', {
      retention: config.logRetention,
      removalPolicy: config.dataRemovalPolicy,
    });
    this.stateMachine = new StateMachine(this, 'PlacementLifecycle', {
      stateMachineName: lifecycleStateMachineName(config.stage),
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(
        JSON.stringify(placementLifecycleDefinition(this.taskFunction.function.functionArn)),
      ),
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
    });
    // Only the task function, unqualified (no version or alias wildcard).
    this.stateMachine.addToRolePolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [this.taskFunction.function.functionArn],
      }),
    );
    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Log delivery (logs:CreateLogDelivery and friends) and X-Ray tracing support no ' +
        'resource-level permissions; CDK adds them for logging ALL and tracing, as AWS documents.',
    });

    // A task already done when its wait opens is answered by the task function itself.
    this.taskFunction.role.addToPrincipalPolicy(callbackStatement());
    // An execution near its horizon asks when it started and hands over to a new one. The ARN
    // by its fixed name: a reference would make the function depend on the state machine that
    // depends on it.
    this.taskFunction.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'HandOverLifecycleExecutions',
        actions: ['states:StartExecution'],
        resources: [stateMachineArn],
      }),
    );
    this.taskFunction.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'DescribeLifecycleExecutions',
        actions: ['states:DescribeExecution'],
        resources: [this.executionsArn(config.stage)],
      }),
    );
    Validations.of(this.taskFunction).acknowledge(
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: CALLBACK_REASON },
      { id: this.executionsFinding(config.stage), reason: EXECUTIONS_REASON },
    );

    this.reconcilerFunction = this.reconciler(props, stateMachineArn);

    const placements = new Policy(this, 'PlacementsRunLifecycles', {
      roles: [props.placementsRole],
      statements: [
        new PolicyStatement({
          sid: 'StartLifecycleExecutions',
          actions: ['states:StartExecution'],
          resources: [this.stateMachine.stateMachineArn],
        }),
        new PolicyStatement({
          sid: 'StopLifecycleExecutions',
          actions: ['states:StopExecution'],
          resources: [this.executionsArn(config.stage)],
        }),
        callbackStatement(),
      ],
    });
    Validations.of(placements).acknowledge(
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: CALLBACK_REASON },
      { id: this.executionsFinding(config.stage), reason: EXECUTIONS_REASON },
    );
  }

  /**
   * The lifecycle reconciler: its function (the placements it reads and restarts, the index of
   * running lifecycles, this state machine's executions) and the schedule that runs it. One
   * pass at a time (reserved concurrency 1); a failed pass is not retried, the next comes in
   * 15 minutes.
   */
  private reconciler(props: LifecycleStackProps, stateMachineArn: string): NextworkFunction {
    const { config } = props;
    const reconciler = new NextworkFunction(this, 'LifecycleReconciler', {
      entry: LIFECYCLE_RECONCILER_ENTRY,
      description: 'NEXTWORK placement lifecycle reconciler',
      serviceName: 'nextwork-lifecycle-reconciler',
      stage: config.stage,
      logLevel: config.logLevel,
      logRetention: config.logRetention,
      logRemovalPolicy: config.dataRemovalPolicy,
      memorySize: 512,
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: 1,
      environment: {
        TABLE_NAME: props.table.tableName,
        LIFECYCLE_STATE_MACHINE_ARN: stateMachineArn,
      },
    });
    grantTableAccess(reconciler.role, props.table, props.key, LIFECYCLE_RECONCILER_KEY_PREFIXES, {
      indexes: ['gsi3'],
    });
    reconciler.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'RestartLifecycleExecutions',
        actions: ['states:StartExecution'],
        resources: [this.stateMachine.stateMachineArn],
      }),
    );
    reconciler.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'InspectLifecycleExecutions',
        actions: ['states:DescribeExecution', 'states:StopExecution'],
        resources: [this.executionsArn(config.stage)],
      }),
    );
    Validations.of(reconciler).acknowledge({
      id: this.executionsFinding(config.stage),
      reason: EXECUTIONS_REASON,
    });
    new Schedule(this, 'ReconcileLifecycles', {
      description: 'Restarts the placement lifecycles whose execution stopped',
      schedule: ScheduleExpression.rate(RECONCILE_EVERY),
      target: new LambdaInvoke(reconciler.function, {
        retryAttempts: 0,
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
    reconciler.function.configureAsyncInvoke({
      onFailure: new SqsDestination(this.deadLetterQueue),
      retryAttempts: 0,
    });
    // The target's role (made by CDK, with the source account and schedule group as conditions
    // of its trust) may invoke the function and its versions and aliases, which it has none of.
    const functionId = this.getLogicalId(reconciler.function.node.defaultChild as CfnElement);
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        "EventBridge Scheduler's role for the reconciler: lambda:InvokeFunction on the function and `:*` (its versions and aliases, of which it has none), as CDK grants it.",
    });
    return reconciler;
  }

  /** Every execution of this stage's state machine (and of no other). */
  private executionsArn(stage: string): string {
    return this.formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${lifecycleStateMachineName(stage)}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  /** How cdk-nag names the finding of a grant on every execution of the state machine. */
  private executionsFinding(stage: string): string {
    return `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:${nagName(this.region, 'AWS::Region')}:${nagName(this.account, 'AWS::AccountId')}:execution:${lifecycleStateMachineName(stage)}:*]`;
  }
}

/** How cdk-nag spells a value in a finding: a pseudo parameter unless it is known at synth. */
function nagName(value: string, pseudo: string): string {
  return Token.isUnresolved(value) ? `<${pseudo}>` : value;
}

const EXECUTIONS_REASON =
  "Executions are named after placements (placement-<id>, then placement-<id>-r<n> for each that took a lifecycle over), so no narrower pattern covers them; every grant here is on this state machine's executions and no other's.";

const CALLBACK_REASON =
  'states:SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat take a task token, not a ' +
  'resource ARN, and support no resource-level permissions; the token itself scopes the call ' +
  'to one waiting task of one execution.';

function callbackStatement(): PolicyStatement {
  return new PolicyStatement({
    sid: 'AnswerLifecycleCallbacks',
    actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
    resources: ['*'],
  });
}
