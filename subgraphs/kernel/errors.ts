import { GraphQLError } from 'graphql';

/**
 * Stable error codes that clients may switch on. They appear as `extensions.code` on GraphQL
 * errors and as `code` on the typed user errors of mutation payloads.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  DATE_OUT_OF_RANGE: 'DATE_OUT_OF_RANGE',
  CONFLICT: 'CONFLICT',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  TEMPORARILY_UNAVAILABLE: 'TEMPORARILY_UNAVAILABLE',
  OUTCOME_UNKNOWN: 'OUTCOME_UNKNOWN',
  /** A request that would need more audit records than one request may write: ask for less. */
  TOO_MANY_AUDIT_EVENTS: 'TOO_MANY_AUDIT_EVENTS',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
} as const;

/**
 * The extensions besides `code` that a client may act on, kept by every hop (subgraph and
 * gateway) that masks errors: the version a conflicting record is at now, whether the same
 * request may simply be sent again, and which input fields are wrong and why.
 */
export const CLIENT_EXTENSIONS = ['currentVersion', 'retryable', 'issues'] as const;

/** One of the stable error codes. */
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** The caller did not prove who they are (no, malformed, expired or forged credentials). */
export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'Authentication required') {
    super(message, {
      extensions: { code: ERROR_CODES.UNAUTHENTICATED, http: { status: 401 } },
    });
  }
}

/** The caller is known but may not see or change what they asked for. */
export class ForbiddenError extends GraphQLError {
  constructor(message = 'Not allowed') {
    super(message, { extensions: { code: ERROR_CODES.FORBIDDEN } });
  }
}

/** Input that is malformed: wrong format, out of range, unknown enum value. Nothing was written. */
export class BadUserInputError extends GraphQLError {
  /**
   * @param message - a sentence a person can act on
   * @param issues - each invalid field's path and what is wrong with it
   */
  constructor(message: string, issues: ReadonlyArray<{ path: string; message: string }> = []) {
    super(message, { extensions: { code: ERROR_CODES.BAD_USER_INPUT, issues } });
  }
}

/**
 * The record is no longer at the version the caller read (`expectedVersion`), or a concurrent
 * change won the race: nothing was written. The caller reads again and decides.
 */
export class ConflictError extends GraphQLError {
  /**
   * @param message - what conflicted
   * @param currentVersion - the version the record is at now, when the conflict is with one
   */
  constructor(
    message = 'The record was changed by someone else; read it again and retry',
    readonly currentVersion?: number,
  ) {
    super(message, {
      extensions: {
        code: ERROR_CODES.CONFLICT,
        ...(currentVersion === undefined ? {} : { currentVersion }),
      },
    });
  }
}

/**
 * Refuses a change made on a version the record is no longer at.
 *
 * @param what - the record, for the message (never personal data), e.g. `The placement`
 * @param expected - the version the caller read (`expectedVersion`)
 * @param current - the version the record is at
 * @throws ConflictError naming the current version, when they differ
 */
export function requireVersion(what: string, expected: number, current: number): void {
  if (expected !== current) {
    throw new ConflictError(
      `${what} is at version ${current}, not ${expected}: read it again before changing it`,
      current,
    );
  }
}

/**
 * The idempotency key was used before, by the same person, for a different request: nothing was
 * written. A key names one change; a new change needs a new key.
 */
export class IdempotencyKeyReusedError extends GraphQLError {
  constructor() {
    super('This idempotency key was used for a different request; use a new key for a new change', {
      extensions: { code: ERROR_CODES.IDEMPOTENCY_KEY_REUSED },
    });
  }
}

/**
 * The table is throttled or unavailable, or the request ran out of time before it wrote
 * anything: nothing was written, and the same request may be sent again after a pause.
 */
export class TemporarilyUnavailableError extends GraphQLError {
  constructor(message = 'The service is busy; nothing was changed. Try again in a moment') {
    super(message, {
      extensions: { code: ERROR_CODES.TEMPORARILY_UNAVAILABLE, retryable: true },
    });
  }
}

/**
 * A change was sent to the table but its answer never came back (a timeout, a dropped
 * connection, a server error): it may or may not have been written. Sending it again with the
 * same idempotency key is safe and tells which.
 */
export class OutcomeUnknownError extends GraphQLError {
  constructor() {
    super(
      'The change may or may not have been saved; send it again with the same idempotencyKey to find out',
      { extensions: { code: ERROR_CODES.OUTCOME_UNKNOWN, retryable: true } },
    );
  }
}

/**
 * A date of a query's arguments outside its range (a figures period from before the programme
 * began): the code a mutation's payload gives such a date, `DATE_OUT_OF_RANGE`, here as the
 * error's, with `issues` naming the argument as `BAD_USER_INPUT` does.
 */
export class DateOutOfRangeError extends GraphQLError {
  /**
   * @param path - the argument, e.g. `from`
   * @param message - the bound it breaks, e.g. `must not be before 2024-01-01, when the programme began`
   */
  constructor(path: string, message: string) {
    super(`Invalid period: ${path} ${message}`, {
      extensions: { code: ERROR_CODES.DATE_OUT_OF_RANGE, issues: [{ path, message }] },
    });
  }
}

/** The record does not exist (or the caller may not know that it exists). */
export class NotFoundError extends GraphQLError {
  constructor(message = 'Not found') {
    super(message, { extensions: { code: ERROR_CODES.NOT_FOUND } });
  }
}

/**
 * A rule of the domain that the input breaks (a paused company, an overlapping placement).
 * Returned in a mutation payload's `errors` list rather than thrown, so that clients render it
 * next to the form field it concerns.
 */
export interface UserError {
  /** Stable, machine-readable reason, e.g. `CVR_ALREADY_REGISTERED`. */
  code: string;
  /** A sentence for the person who filled in the form. */
  message: string;
  /** Path of the input field the error concerns, when there is one. */
  path?: string[];
}

/**
 * Thrown by domain code when a rule is broken; resolvers catch it and return it as a payload's
 * user error, which guarantees the mutation stops before writing.
 */
export class DomainRuleError extends Error {
  readonly userError: UserError;

  constructor(code: string, message: string, path?: string[]) {
    super(message);
    this.name = 'DomainRuleError';
    this.userError = path ? { code, message, path } : { code, message };
  }
}

/**
 * A broken rule about a record the caller may not see (another municipality's, another
 * person's), answered with the very user error the same rule gives an id of nothing — so the
 * caller cannot tell which it was — and audited by the kernel's mutation resolvers
 * (`command.ts`) as `REFUSED`, so the data protection officer still sees the attempt.
 */
export class StrangerRuleError extends DomainRuleError {
  /** The municipality of the record refused (whose officer is to see the attempt), when known. */
  readonly municipalityCode: string | undefined;

  /**
   * @param answer - the error an id of nothing gets, given as it is
   * @param municipalityCode - the refused record's municipality, when it was read
   */
  constructor(answer: DomainRuleError, municipalityCode?: string) {
    const { code, message, path } = answer.userError;
    super(code, message, path);
    this.name = 'StrangerRuleError';
    this.municipalityCode = municipalityCode;
  }
}
