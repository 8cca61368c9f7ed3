import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GATEWAY_REFUSALS } from '#gateway/refusals';
import { ERROR_CODES } from '#kernel/errors';
import type { GraphQLBody } from '../local-stack.ts';

/**
 * The codes that tell a client it made a mistake: the kernel's typed errors, the gateway's own
 * refusals and Apollo Server's request errors. Not among them: an internal error, an outage
 * (`SUBGRAPH_UNAVAILABLE`), or a busy or lost write (`TEMPORARILY_UNAVAILABLE`,
 * `OUTCOME_UNKNOWN`), which would send the client to retry input that can never succeed.
 */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set(
  [
    ...Object.values(ERROR_CODES),
    ...Object.keys(GATEWAY_REFUSALS),
    ...Object.values(ApolloServerErrorCode),
  ].filter(
    (code) =>
      ![
        ERROR_CODES.INTERNAL,
        ERROR_CODES.TEMPORARILY_UNAVAILABLE,
        ERROR_CODES.OUTCOME_UNKNOWN,
      ].includes(code as never),
  ),
);

/** How the system answered one mutation call. */
export type Answer =
  /** Refused with GraphQL errors: their codes. */
  | { refused: 'error'; codes: string[] }
  /** Refused by a rule of the domain, in the payload's `errors`: their codes. */
  | { refused: 'payload'; codes: string[] }
  /** Not refused: the mutation did what it was asked. */
  | { refused: false };

/**
 * Reads the answer to a mutation call.
 *
 * @param mutation - the mutation's name (its field in `data`)
 * @param body - the response body
 */
export function answerOf(mutation: string, body: GraphQLBody<Record<string, unknown>>): Answer {
  if (body.errors && body.errors.length > 0) {
    return { refused: 'error', codes: body.errors.map((e) => String(e.extensions?.code)) };
  }
  const payload = body.data?.[mutation] as Record<string, unknown> | null | undefined;
  const errors = payload?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    return { refused: 'payload', codes: errors.map((e) => String((e as { code?: unknown }).code)) };
  }
  return { refused: false };
}

/**
 * What is wrong with an answer to bad input, or undefined when it is a typed refusal: an HTTP
 * status below 500, and either GraphQL errors whose every code is a client code, or a domain
 * rule's user errors with codes and no changed record beside them.
 *
 * @param mutation - the mutation's name
 * @param status - the HTTP status
 * @param body - the response body
 */
export function problemWithRefusal(
  mutation: string,
  status: number,
  body: GraphQLBody<Record<string, unknown>>,
): string | undefined {
  const answer = answerOf(mutation, body);
  const said = JSON.stringify(body).slice(0, 400);
  if (status >= 500) return `HTTP ${status}: ${said}`;
  if (answer.refused === false) return `accepted (HTTP ${status}): ${said}`;
  if (answer.refused === 'error') {
    const untyped = answer.codes.filter((code) => !CLIENT_ERROR_CODES.has(code));
    return untyped.length > 0
      ? `not a client error code (${untyped.join(', ')}): ${said}`
      : undefined;
  }
  const payload = body.data?.[mutation] as Record<string, unknown>;
  const changed = Object.entries(payload).filter(([k, v]) => k !== 'errors' && v !== null);
  if (answer.codes.some((code) => !/^[A-Z][A-Z0-9_]+$/.test(code))) return `untyped: ${said}`;
  return changed.length > 0 ? `refused but answered a record: ${said}` : undefined;
}
