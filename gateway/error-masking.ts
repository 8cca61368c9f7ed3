import type { GraphQLFormattedError } from 'graphql';
import { CLIENT_EXTENSIONS } from '#kernel/errors';
import { logger } from '#kernel/logger';
import { GATEWAY_REFUSALS, refusalCodeOf } from './refusals.ts';

/** Codes whose messages are meant for clients; anything else is masked in production. */
export const CLIENT_FACING_CODES: ReadonlySet<string> = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'DATE_OUT_OF_RANGE',
  'CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'TEMPORARILY_UNAVAILABLE',
  'OUTCOME_UNKNOWN',
  'TOO_MANY_AUDIT_EVENTS',
  'SUBGRAPH_UNAVAILABLE',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  ...Object.keys(GATEWAY_REFUSALS),
]);

/**
 * What a client is told about an error. Refusals of the gateway keep their own code (Apollo
 * re-codes them as validation or parse failures); deliberate errors keep their message, code
 * and the subgraph's name, nothing else of what the gateway attaches (the subgraph's URL,
 * status, body, query or variables); an error Apollo answers with a 4xx status but no code
 * (a persisted query's hash that does not match its query) is the client's `BAD_REQUEST`;
 * anything unexpected is logged and, in production, becomes a bare "Internal server error".
 *
 * @param formatted - the error as Apollo formatted it
 * @param error - the error as thrown
 * @param production - whether details of unexpected errors are hidden
 */
export function maskError(
  formatted: GraphQLFormattedError,
  error: unknown,
  production: boolean,
): GraphQLFormattedError {
  const { message, locations, path } = formatted;
  const refusal = refusalCodeOf(formatted, error);
  if (refusal) {
    return {
      message:
        refusal === 'INTROSPECTION_DISABLED'
          ? 'Introspection is disabled'
          : message.replace(/^Syntax Error: /, ''),
      ...(locations ? { locations } : {}),
      extensions: { code: refusal },
    };
  }
  const code = clientStatusWithoutCode(error)
    ? 'BAD_REQUEST'
    : String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  if (CLIENT_FACING_CODES.has(code)) {
    const subgraph = formatted.extensions?.subgraph;
    return {
      message,
      ...(locations ? { locations } : {}),
      ...(path ? { path } : {}),
      extensions: { code, ...(subgraph ? { subgraph } : {}), ...actionable(formatted) },
    };
  }
  logger.error('Unexpected gateway error', { code, message });
  if (!production) return formatted;
  return {
    message: 'Internal server error',
    ...(path ? { path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** The extensions a client may act on (a conflict's current version, whether to retry, the input's issues). */
function actionable(formatted: GraphQLFormattedError): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const name of CLIENT_EXTENSIONS) {
    const value = formatted.extensions?.[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

/**
 * Whether Apollo raised the error with a 4xx status and no code of its own. Apollo defaults the
 * code of such an error to `INTERNAL_SERVER_ERROR`, though its status says the request was wrong.
 */
function clientStatusWithoutCode(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const extensions = (error as { extensions?: { code?: unknown; http?: { status?: unknown } } })
    .extensions;
  const status = extensions?.http?.status;
  return (
    extensions?.code === undefined && typeof status === 'number' && status >= 400 && status < 500
  );
}
