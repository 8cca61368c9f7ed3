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
 * What a failed call means for the caller, after the SDK's own retries:
 *
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
  const sdk = (error ?? {}) as SdkError;
  const name = sdk.name ?? '';
  if (THROTTLED.has(name) || cancellationReasons.some((r) => r && THROTTLED.has(r))) {
    return new TemporarilyUnavailableError();
  }
  const code = codeOf(sdk);
  if (code && NEVER_SENT.has(code)) return new TemporarilyUnavailableError();
  const lost =
    name === 'AbortError' ||
    name === 'TimeoutError' ||
    name === 'RequestTimeout' ||
    name === 'TransactionInProgressException' ||
    (code !== undefined && CONNECTION_LOST.has(code)) ||
    sdk.$fault === 'server' ||
    (sdk.$metadata?.httpStatusCode ?? 0) >= 500;
  if (!lost) return error;
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
