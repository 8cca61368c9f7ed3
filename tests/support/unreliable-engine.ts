import type { ExecutionDescription, WorkflowEngine } from '#kernel/workflow-engine';

/**
 * A lifecycle engine that passes every call on to a real one (the local engine), except the
 * starts a test tells it to spoil: failed, as Step Functions' `StartExecution` fails when it is
 * throttled or unavailable; or held, never answered and never passed on, as a process that dies
 * after the commit and before the start leaves it. The names it was asked to start are kept.
 */
export class UnreliableEngine implements WorkflowEngine {
  /** Every name a start was asked for, spoilt or not, in order. */
  readonly startsAsked: string[] = [];
  private failing = 0;
  private holding = false;
  private onHeld: (() => void) | undefined;

  /** @param engine - the engine that does the work */
  constructor(private readonly engine: WorkflowEngine) {}

  /**
   * Fails the next starts with Step Functions' throttling error; the name is not used.
   *
   * @param count - how many @default 1
   */
  failNextStarts(count = 1): void {
    this.failing += count;
  }

  /**
   * Holds every start from now on: never answered, never passed on.
   *
   * @returns resolves when the first start is held (the commit before it is done)
   */
  holdStarts(): Promise<void> {
    this.holding = true;
    return new Promise((resolve) => {
      this.onHeld = resolve;
    });
  }

  startExecution(name: string, input: Record<string, unknown>): Promise<{ executionId: string }> {
    this.startsAsked.push(name);
    if (this.holding) {
      this.onHeld?.();
      return new Promise(() => {});
    }
    if (this.failing > 0) {
      this.failing -= 1;
      const error = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      return Promise.reject(error);
    }
    return this.engine.startExecution(name, input);
  }

  describeExecution(name: string): Promise<ExecutionDescription | undefined> {
    return this.engine.describeExecution(name);
  }

  sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<void> {
    return this.engine.sendTaskSuccess(taskToken, output);
  }

  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void> {
    return this.engine.sendTaskFailure(taskToken, error, cause);
  }

  stopExecution(executionId: string, cause: string): Promise<void> {
    return this.engine.stopExecution(executionId, cause);
  }
}
