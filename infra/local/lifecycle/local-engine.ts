import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import { logger } from '#kernel/logger';
import type { ExecutionDescription } from '#kernel/workflow-engine';
import {
  type LifecycleEngine,
  type LifecycleExecutionInput,
  StaleTaskTokenError,
} from '#placements/domain/lifecycle-engine';
import type { LifecycleTaskHandler } from '#placements/workflow/lifecycle-task-handler';
import {
  CALLBACK_RESOURCE,
  CALLBACK_TIMEOUT_PATH,
  LOCAL_TASK_FUNCTION_ARN,
  placementLifecycleDefinition,
} from '../../lifecycle/placement-lifecycle.asl.ts';

/** Where a local execution stands. */
export type LocalExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

/** What the local engine tells about one execution: its status and the states it entered. */
export interface LocalExecutionDescription {
  name: string;
  input: LifecycleExecutionInput;
  status: LocalExecutionStatus;
  /** The names of the states entered, in order (the execution history). */
  history: string[];
  /** Why it failed, when it did. */
  error?: string;
}

/** A callback the execution waits on: the wait's token and its task's step. */
interface PendingCallback {
  run: Run;
  state: string;
  step: string;
  /** The task handler has opened the task (the wait is in place). */
  opened: boolean;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

interface Run {
  name: string;
  startedAt: string;
  input: LifecycleExecutionInput;
  status: LocalExecutionStatus;
  history: string[];
  error?: string;
  abort: () => void;
  aborted: boolean;
  /** Calls of the task handler in flight (awaited on stop, so nothing writes afterwards). */
  inflight: Set<Promise<unknown>>;
  done: Promise<unknown>;
}

type Definition = ReturnType<typeof placementLifecycleDefinition>;

/**
 * The definition as `aws-local-stepfunctions` needs it. The one difference: the library resolves
 * `TimeoutSecondsPath` against the state's effective input (after `Parameters`), Step Functions
 * against the state's input; so the local copy reads the same value from the copy the
 * definition puts into the callback's payload. Everything else is the definition as deployed.
 */
function localVariant(definition: Definition): Definition {
  const states = Object.fromEntries(
    Object.entries(definition.States).map(([name, state]) => {
      const task = state as { TimeoutSecondsPath?: string };
      return task.TimeoutSecondsPath === CALLBACK_TIMEOUT_PATH
        ? [name, { ...state, TimeoutSecondsPath: '$.Payload.timeoutSeconds' }]
        : [name, state];
    }),
  );
  return { ...definition, States: states as Definition['States'] };
}

/** An error the execution does not retry (the library reads `isRetryable`). */
function final(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, isRetryable: false });
}

/**
 * The lifecycle engine of the local stack: the same state machine definition, run in process
 * by `aws-local-stepfunctions`, every task state mapped to the one lifecycle task handler.
 * The library has no `.waitForTaskToken`, so a callback state's local handler mints a token,
 * lets the handler open the task with it and returns a promise that `sendTaskSuccess` — called
 * by the same mutations as in AWS — resolves. A callback whose wait timed out is stale.
 */
export class LocalLifecycleEngine implements LifecycleEngine {
  private readonly definition: Definition = placementLifecycleDefinition(LOCAL_TASK_FUNCTION_ARN);
  private readonly machine = new StateMachine(localVariant(this.definition) as never);
  private readonly runs = new Map<string, Run>();
  /** The history of each execution name, across its resumes (as one execution would show it). */
  private readonly histories = new Map<string, string[]>();
  private readonly callbacks = new Map<string, PendingCallback>();
  private readonly handler: LifecycleTaskHandler;

  /**
   * @param createHandler - builds the task handler, given this engine (the handler answers a
   *   callback itself when a task is done already)
   */
  constructor(createHandler: (engine: LifecycleEngine) => LifecycleTaskHandler) {
    this.handler = createHandler(this);
  }

  async startExecution(name: string, input: Record<string, unknown>) {
    const existing = this.runs.get(name);
    if (existing && existing.status !== 'ABORTED') return { executionId: name };
    this.run(name, input as LifecycleExecutionInput);
    return { executionId: name };
  }

  async sendTaskSuccess(taskToken: string, output: Record<string, unknown>) {
    this.take(taskToken).resolve(output);
  }

  async sendTaskFailure(taskToken: string, error: string, cause: string) {
    this.take(taskToken).reject(Object.assign(new Error(cause), { name: error }));
  }

  async stopExecution(executionId: string) {
    const run = this.runs.get(executionId);
    if (run?.status === 'RUNNING') await this.halt(run);
  }

  /** Stops every execution and waits until none of their task handler calls is in flight. */
  async stop(): Promise<void> {
    await Promise.all(
      [...this.runs.values()].filter((r) => r.status === 'RUNNING').map((r) => this.halt(r)),
    );
  }

  async describeExecution(name: string): Promise<ExecutionDescription | undefined> {
    const run = this.runs.get(name);
    if (!run) return undefined;
    return { name, status: run.status, startedAt: run.startedAt };
  }

  /** One execution as it stands, with its history, or undefined when none has that name. */
  inspect(name: string): LocalExecutionDescription | undefined {
    const run = this.runs.get(name);
    if (!run) return undefined;
    return {
      name,
      input: run.input,
      status: run.status,
      history: [...run.history],
      ...(run.error ? { error: run.error } : {}),
    };
  }

  /** The names of the executions that run now. */
  runningExecutions(): string[] {
    return [...this.runs.values()].filter((r) => r.status === 'RUNNING').map((r) => r.name);
  }

  /**
   * Whether an execution waits for a person on a step: the task is open and its callback in
   * place (tests and the e2e walk wait for this rather than for time).
   *
   * @param name - the execution
   * @param step - the step
   */
  isWaitingOn(name: string, step: string): boolean {
    return [...this.callbacks.values()].some(
      (c) => c.run.name === name && c.step === step && c.opened && !c.run.aborted,
    );
  }

  private take(taskToken: string): PendingCallback {
    const callback = this.callbacks.get(taskToken);
    if (!callback || callback.run.aborted) throw new StaleTaskTokenError();
    this.callbacks.delete(taskToken);
    return callback;
  }

  private run(name: string, input: LifecycleExecutionInput): void {
    const run: Run = {
      name,
      startedAt: new Date().toISOString(),
      input,
      status: 'RUNNING',
      history: this.histories.get(name) ?? [],
      abort: () => {},
      aborted: false,
      inflight: new Set(),
      done: Promise.resolve(),
    };
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [state, definition] of Object.entries(
      this.definition.States as unknown as Record<string, { Type: string; Resource?: string }>,
    )) {
      if (definition.Type !== 'Task') continue;
      handlers[state] =
        definition.Resource === CALLBACK_RESOURCE
          ? (taskInput) => this.awaitCallback(run, state, taskInput)
          : (taskInput) => this.call(run, taskInput);
    }
    const execution = this.machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers as never },
      noThrowOnAbort: true,
      // The library leaves `$$.Task.Token` empty; each callback state mints its own below.
      context: { Task: { Token: 'minted-per-callback' } },
    });
    run.abort = execution.abort;
    this.runs.set(name, run);
    this.histories.set(name, run.history);
    void this.follow(run, execution.eventLogs);
    run.done = execution.result.then(
      () => {
        if (run.status === 'RUNNING') run.status = run.aborted ? 'ABORTED' : 'SUCCEEDED';
      },
      () => {
        if (run.status === 'RUNNING') run.status = run.aborted ? 'ABORTED' : 'FAILED';
      },
    );
  }

  /** Keeps the execution history, and makes a callback stale once its wait is over. */
  private async follow(
    run: Run,
    events: AsyncGenerator<{
      type: string;
      state?: { name: string };
      Error?: string;
      Cause?: unknown;
    }>,
  ) {
    for await (const event of events) {
      if (event.type === 'ExecutionFailed' && !run.aborted) {
        run.error = `${event.Error}: ${String(event.Cause)}`;
        logger.error('Lifecycle execution failed', { execution: run.name, error: event.Error });
      }
      if (event.type === 'StateEntered' && event.state) run.history.push(event.state.name);
      if ((event.type === 'StateCaught' || event.type === 'StateFailed') && event.state) {
        for (const [token, callback] of this.callbacks) {
          if (callback.run === run && callback.state === event.state.name)
            this.callbacks.delete(token);
        }
      }
    }
  }

  private call(run: Run, event: unknown): Promise<unknown> {
    if (run.aborted) return Promise.reject(final('LifecycleExecutionStopped', 'stopped'));
    const call = this.handler(event);
    run.inflight.add(call);
    void call.catch(() => {}).finally(() => run.inflight.delete(call));
    return call;
  }

  private awaitCallback(run: Run, state: string, input: unknown): Promise<unknown> {
    if (run.aborted) return Promise.reject(final('LifecycleExecutionStopped', 'stopped'));
    const payload = (input as { Payload: Record<string, unknown> }).Payload;
    const token = `local-${run.name}-${randomUUID()}`;
    let resolve: (output: unknown) => void = () => {};
    let reject: (error: Error) => void = () => {};
    const promise = new Promise<unknown>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    const callback: PendingCallback = {
      run,
      state,
      step: String(payload.step),
      opened: false,
      resolve,
      reject,
    };
    this.callbacks.set(token, callback);
    this.call(run, { ...payload, taskToken: token }).then(
      () => {
        callback.opened = true;
      },
      (error: Error) => {
        this.callbacks.delete(token);
        reject(error);
      },
    );
    return promise;
  }

  private async halt(run: Run): Promise<void> {
    run.aborted = true;
    run.status = 'ABORTED';
    run.abort();
    for (const [token, callback] of this.callbacks) {
      if (callback.run !== run) continue;
      this.callbacks.delete(token);
      callback.reject(final('LifecycleExecutionStopped', 'The execution was stopped'));
    }
    while (run.inflight.size > 0) await Promise.allSettled([...run.inflight]);
    await run.done;
  }
}
