import type { SFNClient } from '@aws-sdk/client-sfn';
import { runtimeSdk } from '#kernel/runtime-sdk';
import {
  type ExecutionDescription,
  ExecutionNameTakenError,
  type ExecutionStatus,
} from '#kernel/workflow-engine';
import { type LifecycleEngine, StaleTaskTokenError } from '../domain/lifecycle-engine.ts';

const {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient: StepFunctionsClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} = runtimeSdk('@aws-sdk/client-sfn');

function isStaleToken(error: unknown): boolean {
  return (
    error instanceof TaskDoesNotExist ||
    error instanceof TaskTimedOut ||
    error instanceof InvalidToken
  );
}

/**
 * The lifecycle engine in AWS: Step Functions through the SDK. The state machine's ARN comes
 * from `LIFECYCLE_STATE_MACHINE_ARN`; an execution's ARN follows from it and the execution's
 * name, so a second start of a placement's lifecycle finds the first.
 */
export class AwsLifecycleEngine implements LifecycleEngine {
  /**
   * @param stateMachineArn - the lifecycle state machine
   * @param client - the Step Functions client
   */
  constructor(
    private readonly stateMachineArn: string,
    private readonly client: SFNClient = new StepFunctionsClient({}),
  ) {}

  /** The ARN of the execution of a given name (`…:stateMachine:x` → `…:execution:x:name`). */
  executionArn(name: string): string {
    return `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }

  async startExecution(name: string, input: Record<string, unknown>) {
    try {
      const result = await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name,
          input: JSON.stringify(input),
        }),
      );
      return { executionId: result.executionArn ?? this.executionArn(name) };
    } catch (error) {
      // Step Functions answers a repeat of a running execution's start (same name and input)
      // with that execution; any other reuse of the name within 90 days is refused.
      if (error instanceof ExecutionAlreadyExists) throw new ExecutionNameTakenError(name);
      throw error;
    }
  }

  async describeExecution(name: string): Promise<ExecutionDescription | undefined> {
    try {
      const result = await this.client.send(
        new DescribeExecutionCommand({ executionArn: this.executionArn(name) }),
      );
      return {
        name,
        // A failed execution waiting to be redriven is failed until someone redrives it.
        status: (result.status === 'PENDING_REDRIVE' ? 'FAILED' : result.status) as ExecutionStatus,
        startedAt: (result.startDate ?? new Date()).toISOString(),
      };
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return undefined;
      throw error;
    }
  }

  async sendTaskSuccess(taskToken: string, output: Record<string, unknown>) {
    try {
      await this.client.send(
        new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }),
      );
    } catch (error) {
      if (isStaleToken(error)) throw new StaleTaskTokenError();
      throw error;
    }
  }

  async sendTaskFailure(taskToken: string, error: string, cause: string) {
    try {
      await this.client.send(new SendTaskFailureCommand({ taskToken, error, cause }));
    } catch (failure) {
      if (isStaleToken(failure)) throw new StaleTaskTokenError();
      throw failure;
    }
  }

  async stopExecution(executionId: string, cause: string) {
    const executionArn = executionId.startsWith('arn:')
      ? executionId
      : this.executionArn(executionId);
    try {
      await this.client.send(new StopExecutionCommand({ executionArn, cause }));
    } catch (error) {
      if (!(error instanceof ExecutionDoesNotExist)) throw error;
    }
  }
}
