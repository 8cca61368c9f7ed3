import type { Deadline } from '../deadline.ts';
import { OutcomeUnknownError, TemporarilyUnavailableError } from '../errors.ts';

/** Whether a call only reads, or may change the table. */
export type CallEffect = 'read' | 'write';

/**
 * DynamoDB's answers that mean "not now": the request was refused before anything was written.
 * Error names, and the cancellation reasons of a transaction.
 */
const THROTTLED = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceeded',
  'ThrottlingError',
]);

/** Socket errors after which a request may or may not have reached DynamoDB. */
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);

/** Socket errors that mean the request never left this process. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

interface SdkError {
  name?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

function codeOf(error: SdkError): string | undefined {
  return error.code ?? (error.cause as SdkError | undefined)?.code;
}

/**
 * Whether an attempt's answer was lost, so that DynamoDB may have applied it: the connection
 * dropped or timed out after the request was sent, or DynamoDB answered with a server error
 * (its `InternalServerError` says the request may or may not have succeeded), or another
 * attempt of the same transaction token is still being applied.
 *
 * @param error - what one attempt, or the whole call, failed with
 */
export function answerLost(error: unknown): boolean {
  const sdk = (error ?? {}) as SdkError;
  const name = sdk.name ?? '';
  const code = codeOf(sdk);
  if (THROTTLED.has(name) || (code !== undefined && NEVER_SENT.has(code))) return false;
  return (
    name === 'AbortError' ||
    name === 'TimeoutError' ||
    name === 'RequestTimeout' ||
    name === 'TransactionInProgressException' ||
    (code !== undefined && CONNECTION_LOST.has(code)) ||
    sdk.$fault === 'server' ||
    (sdk.$metadata?.httpStatusCode ?? 0) >= 500
  );
}

/**
 * Marks the error a call ended with when one of its earlier attempts lost its answer (see
 * `createDynamoClient`, which watches every attempt): whatever the last attempt met — a
 * throttle, or the condition that the first attempt's own write made false — the call may
 * have changed the table.
 */
export const EARLIER_ANSWER_LOST = Symbol('nextwork.earlierAnswerLost');

/**
 * What a failed call means for the caller, after the SDK's own retries:
 *
 * - a write any of whose attempts lost its answer: it may have been applied, whatever the last
 *   attempt met → `OUTCOME_UNKNOWN` (a conditional write's retry fails on the condition its
 *   own first attempt made false; that is no conflict);
 * - throttled (or a transaction cancelled for throttling): nothing was written →
 *   `TEMPORARILY_UNAVAILABLE`;
 * - the answer never came (out of time, connection lost, a server error): a read is
 *   `TEMPORARILY_UNAVAILABLE`, a write may have been applied → `OUTCOME_UNKNOWN`;
 * - anything else (a condition that failed, a malformed request): the error as it came.
 *
 * @param error - what the client threw
 * @param effect - whether the call could have changed the table
 * @param cancellationReasons - a cancelled transaction's reasons
 */
export function failureOf(
  error: unknown,
  effect: CallEffect,
  cancellationReasons: ReadonlyArray<string | undefined> = [],
): unknown {
  const sdk = (error ?? {}) as SdkError & { [EARLIER_ANSWER_LOST]?: boolean };
  if (effect === 'write' && sdk[EARLIER_ANSWER_LOST]) return new OutcomeUnknownError();
  const name = sdk.name ?? '';
  if (THROTTLED.has(name) || cancellationReasons.some((r) => r && THROTTLED.has(r))) {
    return new TemporarilyUnavailableError();
  }
  const code = codeOf(sdk);
  if (code && NEVER_SENT.has(code)) return new TemporarilyUnavailableError();
  if (!answerLost(error)) return error;
  return effect === 'write' ? new OutcomeUnknownError() : new TemporarilyUnavailableError();
}

/**
 * Refuses a call the request has no time left for: nothing is sent, so nothing is written.
 *
 * @param deadline - the request's deadline
 */
export function refuseAfterDeadline(deadline: Deadline): void {
  if (deadline.remainingMs() <= 0) {
    throw new TemporarilyUnavailableError('The request ran out of time; nothing was changed');
  }
}
