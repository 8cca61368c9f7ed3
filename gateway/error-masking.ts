import type { GraphQLFormattedError } from 'graphql';
import { CLIENT_EXTENSIONS } from '#kernel/errors';
import { logger } from '#kernel/logger';
import { GATEWAY_REFUSALS, refusalCodeOf } from './refusals.ts';

/** Codes whose messages are meant for clients; anything else is masked in production. */
const CLIENT_FACING_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'TEMPORARILY_UNAVAILABLE',
  'OUTCOME_UNKNOWN',
  'SUBGRAPH_UNAVAILABLE',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  ...Object.keys(GATEWAY_REFUSALS),
]);

/**
 * What a client is told about an error. Refusals of the gateway keep their own code (Apollo
 * re-codes them as validation or parse failures); deliberate errors keep their message, code
 * and the subgraph's name, nothing else of what the gateway attaches (the subgraph's URL,
 * status, body, query or variables); anything unexpected is logged and, in production, becomes
 * a bare "Internal server error".
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
  const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
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

/** The extensions a client may act on (the current version of a conflict, whether to retry). */
function actionable(formatted: GraphQLFormattedError): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const name of CLIENT_EXTENSIONS) {
    const value = formatted.extensions?.[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}
