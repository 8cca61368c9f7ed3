import type { LifecycleStep } from './lifecycle.ts';

/** The input of a lifecycle execution: a fresh start, or a resume at a recorded step. */
export interface LifecycleExecutionInput {
  placementId: string;
  round: number;
  /** The step to resume at; absent for a fresh start. */
  resumeAt?: LifecycleStep;
  [key: string]: unknown;
}

/**
 * What runs placement lifecycles: Step Functions in AWS, `aws-local-stepfunctions` in the local
 * stack. The mutations and the task handler use only this.
 */
export interface LifecycleEngine {
  /**
   * Starts the execution of a given name; a second start of a name already running starts
   * nothing and answers with the same execution.
   *
   * @param name - the execution's name, derived from the placement
   * @param input - the execution's input
   */
  startExecution(name: string, input: LifecycleExecutionInput): Promise<{ executionId: string }>;
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
  constructor(message = 'No lifecycle execution waits on this task token') {
    super(message);
  }
}
