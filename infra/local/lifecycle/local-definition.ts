import {
  CALLBACK_TIMEOUT_PATH,
  LOCAL_TASK_FUNCTION_ARN,
  placementLifecycleDefinition,
} from '../../lifecycle/placement-lifecycle.asl.ts';

/** The lifecycle state machine's definition. */
export type Definition = ReturnType<typeof placementLifecycleDefinition>;

interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
}

/** The deployed definition with the local task ARN (the local engine maps every task to its handler). */
export function deployedDefinition(): Definition {
  return placementLifecycleDefinition(LOCAL_TASK_FUNCTION_ARN);
}

/**
 * The definition as `aws-local-stepfunctions` needs it to behave as Step Functions does:
 *
 * - the library resolves `TimeoutSecondsPath` against the state's effective input (after
 *   `Parameters`), Step Functions against the state's input; so the local copy reads the same
 *   value from the copy the definition puts into the callback's payload;
 * - `Retry` waits: the library waits `IntervalSeconds × BackoffRate^n` seconds of real time
 *   before the n-th retry (n from 0), `MaxAttempts` retries per entry into the state, any task
 *   error matching `States.TaskFailed` — as Step Functions does. The waits stay in real time
 *   under a sped-up lifecycle clock on purpose: what they ride out (DynamoDB throttled, a busy
 *   function) happens in real time, so a fault of a given length fails an execution locally
 *   exactly when it would in AWS. Only tests shorten them, by `retryIntervalDivisor`.
 *
 * Everything else is the definition as deployed.
 *
 * @param definition - the deployed definition
 * @param retryIntervalDivisor - divides every retrier's `IntervalSeconds` @default 1
 */
export function localVariant(definition: Definition, retryIntervalDivisor = 1): Definition {
  const states = Object.fromEntries(
    Object.entries(definition.States).map(([name, state]) => {
      const task = state as { TimeoutSecondsPath?: string; Retry?: Retrier[] };
      let local: Record<string, unknown> = state;
      if (task.TimeoutSecondsPath === CALLBACK_TIMEOUT_PATH) {
        local = { ...local, TimeoutSecondsPath: '$.Payload.timeoutSeconds' };
      }
      if (task.Retry && retryIntervalDivisor !== 1) {
        local = {
          ...local,
          Retry: task.Retry.map((retrier) => ({
            ...retrier,
            IntervalSeconds: (retrier.IntervalSeconds ?? 1) / retryIntervalDivisor,
          })),
        };
      }
      return [name, local];
    }),
  );
  return { ...definition, States: states as Definition['States'] };
}
