import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { StateMachine } from 'aws-local-stepfunctions';
import { logger } from '#kernel/logger';
import {
  type ExecutionDescription,
  ExecutionNameTakenError,
  type ExecutionStatus,
} from '#kernel/workflow-engine';
import type { LifecycleClock } from '#placements/domain/lifecycle-clock';
import {
  type LifecycleEngine,
  type LifecycleExecutionInput,
  StaleTaskTokenError,
} from '#placements/domain/lifecycle-engine';
import type { LifecycleTaskHandler } from '#placements/workflow/lifecycle-task-handler';
import { CALLBACK_RESOURCE } from '../../lifecycle/placement-lifecycle.asl.ts';
import {
  type ExecutionRecord,
  type ExecutionRecords,
  MAX_EXECUTION_MS,
  NAME_KEPT_AFTER_END_MS,
} from './execution-records.ts';
import { type Definition, deployedDefinition, localVariant } from './local-definition.ts';

/** How the local engine runs. */
export interface LocalEngineOptions {
  /**
   * The lifecycle clock. An execution's start, its one-year limit and its name's 90 days are
   * counted in its time: the local stack's "AWS time", sped up or set by hand.
   */
  clock: LifecycleClock;
  /** The engine's record of its executions (kept in the data folder across restarts). */
  records: ExecutionRecords;
  /** Divides the definition's `Retry` waits (tests only; see `local-definition.ts`). @default 1 */
  retryIntervalDivisor?: number;
  /**
   * The definition its executions run (tests of executions started on an earlier definition).
   * @default the deployed definition
   */
  definition?: Definition;
}

/** What the local engine tells about one execution: its record and the states it entered. */
export interface LocalExecutionDescription {
  name: string;
  input: LifecycleExecutionInput;
  status: ExecutionStatus;
  /** When it started, ISO 8601 in lifecycle-clock time. */
  startedAt: string;
  /** When it ended, likewise; absent while it runs. */
  endedAt?: string;
  /** The names of the states entered in this process, in order (the execution history). */
  history: string[];
  /** Why it failed, when it did. */
  error?: string;
}

/** How a run in this process ends other than by itself. */
type Ending = 'SUSPENDED' | 'ABORTED' | 'TIMED_OUT';

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

/** An execution running in this process. */
interface Run {
  name: string;
  history: string[];
  /** When the execution reaches Step Functions' one-year limit, in lifecycle-clock time. */
  timesOutAt: number;
  /** Set once the run is being ended from outside (its callbacks are stale from then on). */
  ending?: Ending;
  abort: () => void;
  /** Calls of the task handler in flight (awaited on stop, so nothing writes afterwards). */
  inflight: Set<Promise<unknown>>;
  done: Promise<unknown>;
  watchdog?: NodeJS.Timeout;
}

/** An error the execution does not retry (the library reads `isRetryable`). */
function final(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, isRetryable: false });
}

const iso = (ms: number) => new Date(ms).toISOString();

/** An input as Step Functions holds it: JSON (an absent field and an undefined one are the same). */
const asJson = (input: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(input)) as Record<string, unknown>;

/**
 * The lifecycle engine of the local stack: the same state machine definition, run in process
 * by `aws-local-stepfunctions`, every task state mapped to the one lifecycle task handler. It
 * behaves as Step Functions does where the lifecycle depends on it:
 *
 * - an execution's name is used once, for 90 days after the execution ended (a start of a
 *   name running with the same input answers that execution; any other reuse is refused);
 * - `describeExecution` answers RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED;
 * - an execution ends TIMED_OUT one year (of lifecycle time) after it started;
 * - a task that keeps failing past its `Retry` fails the execution;
 * - the record of executions outlives a restart (`ExecutionRecords`); an execution running
 *   when the stack stopped is continued under its name (`continueExecution`), as in AWS it
 *   would simply have kept running.
 *
 * The library has no `.waitForTaskToken`, so a callback state's local handler mints a token,
 * lets the handler open the task with it and returns a promise that `sendTaskSuccess` — called
 * by the same mutations as in AWS — resolves. A callback whose wait timed out is stale.
 */
export class LocalLifecycleEngine implements LifecycleEngine {
  private readonly definition: Definition;
  private readonly machine: StateMachine;
  private readonly clock: LifecycleClock;
  private readonly records: ExecutionRecords;
  private readonly live = new Map<string, Run>();
  /** The history of each execution name in this process, across its continuations. */
  private readonly histories = new Map<string, string[]>();
  private readonly callbacks = new Map<string, PendingCallback>();
  private readonly handler: LifecycleTaskHandler;

  /**
   * @param createHandler - builds the task handler, given this engine (the handler answers a
   *   callback itself when a task is done already)
   * @param options - the lifecycle clock, the record of executions, the retry waits
   */
  constructor(
    createHandler: (engine: LifecycleEngine) => LifecycleTaskHandler,
    options: LocalEngineOptions,
  ) {
    this.clock = options.clock;
    this.records = options.records;
    this.definition = options.definition ?? deployedDefinition();
    this.machine = new StateMachine(
      localVariant(this.definition, options.retryIntervalDivisor) as never,
    );
    this.handler = createHandler(this);
  }

  async startExecution(name: string, input: Record<string, unknown>) {
    this.forgetExpiredNames();
    const existing = this.records.get(name);
    if (existing) {
      if (
        this.statusOf(existing) === 'RUNNING' &&
        isDeepStrictEqual(existing.input, asJson(input))
      ) {
        return { executionId: name };
      }
      throw new ExecutionNameTakenError(name);
    }
    const record: ExecutionRecord = {
      name,
      input: asJson(input),
      status: 'RUNNING',
      startedAt: iso(this.clock.now()),
    };
    this.records.save(record);
    this.run(record, input as LifecycleExecutionInput);
    return { executionId: name };
  }

  /**
   * Continues an execution recorded RUNNING that does not run in this process (the stack was
   * stopped, or the clock set by hand): the same execution, under the same name, from the
   * state the input leads to. Local only — in AWS the execution would simply have kept
   * running — and no start, so the name stays taken. Past its one-year limit it times out
   * instead.
   *
   * @param name - the execution
   * @param input - where to pick up (for the lifecycle: the step its placement records)
   * @returns whether it runs again
   */
  async continueExecution(name: string, input: LifecycleExecutionInput): Promise<boolean> {
    const record = this.records.get(name);
    if (!record || this.live.has(name) || this.statusOf(record) !== 'RUNNING') return false;
    this.run(record, input);
    return true;
  }

  /** The executions recorded RUNNING that do not run in this process, to be continued. */
  suspendedExecutions(): Array<{ name: string; input: LifecycleExecutionInput }> {
    return this.records
      .all()
      .filter((record) => record.status === 'RUNNING' && !this.live.has(record.name))
      .map((record) => ({ name: record.name, input: record.input as LifecycleExecutionInput }));
  }

  async describeExecution(name: string): Promise<ExecutionDescription | undefined> {
    const record = this.records.get(name);
    if (!record) return undefined;
    return { name, status: this.statusOf(record), startedAt: record.startedAt };
  }

  async sendTaskSuccess(taskToken: string, output: Record<string, unknown>) {
    this.take(taskToken).resolve(output);
  }

  async sendTaskFailure(taskToken: string, error: string, cause: string) {
    this.take(taskToken).reject(Object.assign(new Error(cause), { name: error }));
  }

  async stopExecution(executionId: string) {
    const record = this.records.get(executionId);
    if (!record || this.statusOf(record) !== 'RUNNING') return;
    const run = this.live.get(executionId);
    if (run) await this.halt(run, 'ABORTED');
    else this.end(executionId, 'ABORTED');
  }

  /**
   * Stops running executions in this process, as a stop of the local stack does, and waits
   * until none of their task handler calls is in flight. Their records stay RUNNING — in AWS
   * they would go on — so that the next start continues them.
   */
  async stop(): Promise<void> {
    await Promise.all([...this.live.values()].map((run) => this.halt(run, 'SUSPENDED')));
    await this.records.flushed();
  }

  /** One execution as it stands, with its history, or undefined when none has that name. */
  inspect(name: string): LocalExecutionDescription | undefined {
    const record = this.records.get(name);
    if (!record) return undefined;
    const status = this.statusOf(record);
    const ended = this.records.get(name)?.endedAt;
    return {
      name,
      input: record.input as LifecycleExecutionInput,
      status,
      startedAt: record.startedAt,
      ...(ended ? { endedAt: ended } : {}),
      history: [...(this.histories.get(name) ?? [])],
      ...(record.error ? { error: record.error } : {}),
    };
  }

  /**
   * Every execution whose name the engine keeps (running, or ended within 90 days), as
   * {@link inspect} tells it, in the order they started.
   */
  executions(): LocalExecutionDescription[] {
    return this.records
      .all()
      .map((record) => this.inspect(record.name) as LocalExecutionDescription)
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }

  /** The names of the executions that run in this process now. */
  runningExecutions(): string[] {
    return [...this.live.values()].filter((run) => !run.ending).map((run) => run.name);
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
      (c) => c.run.name === name && c.step === step && c.opened && !c.run.ending,
    );
  }

  /** An execution's status, ending it TIMED_OUT first when it has passed the one-year limit. */
  private statusOf(record: ExecutionRecord): ExecutionStatus {
    if (record.status !== 'RUNNING') return record.status;
    const limit = Date.parse(record.startedAt) + MAX_EXECUTION_MS;
    if (this.clock.now() < limit) return 'RUNNING';
    const run = this.live.get(record.name);
    if (run) void this.halt(run, 'TIMED_OUT');
    else this.end(record.name, 'TIMED_OUT', { endedAt: iso(limit) });
    return 'TIMED_OUT';
  }

  /** Forgets the names of executions that ended more than 90 days ago: they are free again. */
  private forgetExpiredNames(): void {
    const now = this.clock.now();
    for (const record of this.records.all()) {
      if (record.endedAt && Date.parse(record.endedAt) + NAME_KEPT_AFTER_END_MS <= now) {
        this.records.forget(record.name);
        this.histories.delete(record.name);
      }
    }
  }

  /** Records how an execution ended (once: an ended execution stays as it ended). */
  private end(
    name: string,
    status: Exclude<ExecutionStatus, 'RUNNING'>,
    details: { endedAt?: string; error?: string } = {},
  ): void {
    const record = this.records.get(name);
    if (record?.status !== 'RUNNING') return;
    this.records.save({
      ...record,
      status,
      endedAt: details.endedAt ?? iso(this.clock.now()),
      ...(details.error ? { error: details.error } : {}),
    });
  }

  private take(taskToken: string): PendingCallback {
    const callback = this.callbacks.get(taskToken);
    if (!callback || callback.run.ending) throw new StaleTaskTokenError();
    this.callbacks.delete(taskToken);
    return callback;
  }

  private run(record: ExecutionRecord, input: LifecycleExecutionInput): void {
    const name = record.name;
    const run: Run = {
      name,
      history: this.histories.get(name) ?? [],
      timesOutAt: Date.parse(record.startedAt) + MAX_EXECUTION_MS,
      abort: () => {},
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
      // The library leaves `$$.Task.Token` empty; each callback state mints its own below. It
      // fills `$$.Execution` but for its name, which the task events carry.
      context: { Task: { Token: 'minted-per-callback' }, Execution: { Name: name } },
    });
    run.abort = execution.abort;
    this.live.set(name, run);
    this.histories.set(name, run.history);
    void this.follow(run, execution.eventLogs);
    this.watch(run);
    run.done = execution.result.then(
      () => this.settle(run, 'SUCCEEDED'),
      (error: Error) => this.settle(run, 'FAILED', error),
    );
  }

  /** Ends the run at its one-year limit, waking when lifecycle time should have reached it. */
  private watch(run: Run): void {
    if (run.ending) return;
    if (this.clock.now() >= run.timesOutAt) {
      void this.halt(run, 'TIMED_OUT');
      return;
    }
    const seconds = Math.max(1, this.clock.secondsUntil(run.timesOutAt));
    run.watchdog = setTimeout(() => this.watch(run), seconds * 1000);
    // A local stack stopping must not wait for a watch that may be weeks away.
    run.watchdog.unref();
  }

  /** Records how a run ended, unless it was only suspended (then it stays RUNNING). */
  private settle(run: Run, outcome: 'SUCCEEDED' | 'FAILED', failure?: Error): void {
    clearTimeout(run.watchdog);
    if (this.live.get(run.name) === run) this.live.delete(run.name);
    if (run.ending === 'SUSPENDED') return;
    if (run.ending || !failure) {
      this.end(run.name, run.ending ?? outcome);
      return;
    }
    // The library wraps the state's error; the execution's error is the state's, as in AWS.
    const cause = (failure.cause ?? failure) as Error;
    logger.error('Lifecycle execution failed', { execution: run.name, error: cause.name });
    this.end(run.name, 'FAILED', { error: `${cause.name}: ${cause.message}` });
  }

  /** Keeps the execution history, and makes a callback stale once its wait is over. */
  private async follow(
    run: Run,
    events: AsyncGenerator<{ type: string; state?: { name: string } }>,
  ) {
    for await (const event of events) {
      if (event.type === 'StateEntered' && event.state) {
        run.history.push(event.state.name);
        // A clock set by hand jumps: the limit is checked at every step, not only by the watch.
        if (!run.ending && this.clock.now() >= run.timesOutAt) void this.halt(run, 'TIMED_OUT');
      }
      if ((event.type === 'StateCaught' || event.type === 'StateFailed') && event.state) {
        for (const [token, callback] of this.callbacks) {
          if (callback.run === run && callback.state === event.state.name)
            this.callbacks.delete(token);
        }
      }
    }
  }

  private call(run: Run, event: unknown): Promise<unknown> {
    if (run.ending) return Promise.reject(final('LifecycleExecutionStopped', 'stopped'));
    const call = this.handler(event);
    run.inflight.add(call);
    void call.catch(() => {}).finally(() => run.inflight.delete(call));
    return call;
  }

  private awaitCallback(run: Run, state: string, input: unknown): Promise<unknown> {
    if (run.ending) return Promise.reject(final('LifecycleExecutionStopped', 'stopped'));
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

  /**
   * Ends a run from outside: stopped (ABORTED), out of time (TIMED_OUT), or suspended with
   * the stack (its record stays RUNNING). Its callbacks turn stale at once, and nothing of it
   * writes once this returns.
   */
  private async halt(run: Run, ending: Ending): Promise<void> {
    if (!run.ending) {
      run.ending = ending;
      if (ending !== 'SUSPENDED') this.end(run.name, ending);
      run.abort();
      for (const [token, callback] of this.callbacks) {
        if (callback.run !== run) continue;
        this.callbacks.delete(token);
        callback.reject(final('LifecycleExecutionStopped', 'The execution was stopped'));
      }
    }
    while (run.inflight.size > 0) await Promise.allSettled([...run.inflight]);
    await run.done;
  }
}
