import { ArnFormat, Duration, Stack, type StackProps, Token, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IRole, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import {
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { LIFECYCLE_TASK_ENTRY } from '../config/bundling.ts';
import { KEY_PREFIXES } from '../config/key-prefixes.ts';
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

/**
 * The placement lifecycle (`docs/architecture.md`, "Lifecycles"): the Standard state machine built from the one ASL
 * definition (`infra/lifecycle/placement-lifecycle.asl.ts`) the local stack runs too, with
 * logging (all events, no execution data: inputs carry ids only, and stay out of logs anyway)
 * and X-Ray tracing; the one lifecycle task function its task states call (the placements
 * subgraph's key prefixes, a dead-letter queue for asynchronous failures); least privilege
 * throughout: the state machine may invoke only that function, the placements function may
 * only start and stop this state machine's executions and answer its callbacks.
 */
export class LifecycleStack extends Stack {
  /** The lifecycle state machine. */
  readonly stateMachine: StateMachine;
  /** The lifecycle task function. */
  readonly taskFunction: NextworkFunction;
  /** Where asynchronous invocations of the task function that failed end up. */
  readonly deadLetterQueue: Queue;

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

    this.deadLetterQueue = new Queue(this, 'LifecycleTaskDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the lifecycle task function.',
    });
    this.taskFunction.function.configureAsyncInvoke({
      onFailure: new SqsDestination(this.deadLetterQueue),
      retryAttempts: 2,
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
    Validations.of(this.taskFunction).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: CALLBACK_REASON,
    });

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
          resources: [
            this.formatArn({
              service: 'states',
              resource: 'execution',
              resourceName: `${lifecycleStateMachineName(config.stage)}:*`,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          ],
        }),
        callbackStatement(),
      ],
    });
    Validations.of(placements).acknowledge(
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: CALLBACK_REASON },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:${nagName(this.region, 'AWS::Region')}:${nagName(this.account, 'AWS::AccountId')}:execution:${lifecycleStateMachineName(config.stage)}:*]`,
        reason:
          "Executions are named after placements, one per placement; stopping any of this state machine's executions (and no other's) is what an interruption needs.",
      },
    );
  }
}

/** How cdk-nag spells a value in a finding: a pseudo parameter unless it is known at synth. */
function nagName(value: string, pseudo: string): string {
  return Token.isUnresolved(value) ? `<${pseudo}>` : value;
}

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
