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
  CONFLICT: 'CONFLICT',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
} as const;

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

/** A concurrent change won: the caller should read again and retry. */
export class ConflictError extends GraphQLError {
  constructor(message = 'The record was changed by someone else; read it again and retry') {
    super(message, { extensions: { code: ERROR_CODES.CONFLICT } });
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
