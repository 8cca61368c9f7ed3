/** Where an execution of a workflow stands, as Step Functions reports it. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** What the engine tells of one execution. */
export interface ExecutionDescription {
  name: string;
  status: ExecutionStatus;
  /** When it started, ISO 8601. */
  startedAt: string;
}

/**
 * What runs the long workflows (the placement lifecycle): Step Functions in AWS, the same
 * definition under `aws-local-stepfunctions` in the local stack, which behaves as Step Functions
 * does where it matters (`infra/local/lifecycle/local-engine.ts`). Commands reach it through
 * their context, never a process-wide registry.
 */
export interface WorkflowEngine {
  /**
   * Starts an execution of a given name. Step Functions keeps an execution's name for 90 days
   * after it ended: a name is used once; a start of a name already running with the same input
   * answers with that execution, any other reuse fails with {@link ExecutionNameTakenError}.
   *
   * @param name - the execution's name (no personal data: it shows in the console and logs)
   * @param input - the execution's input
   */
  startExecution(name: string, input: Record<string, unknown>): Promise<{ executionId: string }>;
  /** One execution as it stands; undefined when no execution has that name. */
  describeExecution(name: string): Promise<ExecutionDescription | undefined>;
  /**
   * Resumes the execution waiting on a callback token.
   *
   * @throws StaleTaskTokenError when no execution waits on the token (any more)
   */
  sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<void>;
  /**
   * Fails the step waiting on a callback token with a named error.
   *
   * @throws StaleTaskTokenError when no execution waits on the token (any more)
   */
  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void>;
  /** Stops an execution (nothing happens when it has already ended). */
  stopExecution(executionId: string, cause: string): Promise<void>;
}

/** No execution waits on the callback token: it is stale (already used, timed out) or unknown. */
export class StaleTaskTokenError extends Error {
  override name = 'StaleTaskTokenError';
  constructor(message = 'No execution waits on this task token') {
    super(message);
  }
}

/**
 * The execution name was used before (within Step Functions' 90 days), by an execution that
 * ended or runs with another input: a restart needs a new name.
 */
export class ExecutionNameTakenError extends Error {
  override name = 'ExecutionNameTakenError';
  constructor(executionName: string) {
    super(`The execution name ${executionName} was used before`);
  }
}
