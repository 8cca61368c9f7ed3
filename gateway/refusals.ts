import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * What the gateway itself refuses, by stable error code, and the audit target each refusal is
 * recorded under. Clients may switch on the codes; the audit trail groups by the targets.
 */
export const GATEWAY_REFUSALS = {
  QUERY_TOO_DEEP: 'gateway:depth',
  TOO_MANY_ALIASES: 'gateway:aliases',
  TOO_MANY_DIRECTIVES: 'gateway:directives',
  TOO_MANY_TOKENS: 'gateway:tokens',
  QUERY_TOO_COSTLY: 'gateway:cost',
  PAGE_TOO_LARGE: 'gateway:page-size',
  REQUEST_TOO_LARGE: 'gateway:request-size',
  BATCHING_DISABLED: 'gateway:batching',
  RATE_LIMITED: 'gateway:rate-limit',
  INTROSPECTION_DISABLED: 'gateway:introspection',
  UNAUTHENTICATED: 'gateway:token',
} as const;

/** A code of a refusal by the gateway itself. */
export type GatewayRefusalCode = keyof typeof GATEWAY_REFUSALS;

/** Whether a code is one of the gateway's own refusals. */
export function isGatewayRefusal(code: unknown): code is GatewayRefusalCode {
  return typeof code === 'string' && Object.hasOwn(GATEWAY_REFUSALS, code);
}

/**
 * A refusal of an operation's shape or cost, as a GraphQL error with a stable code and HTTP 400.
 *
 * @param code - the refusal's code
 * @param message - what was over which limit; never an echo of the query's text
 */
export function queryRefusal(code: GatewayRefusalCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

// graphql-js spells it "more that" in 16.x; accept both should it ever be fixed.
const TOO_MANY_TOKENS = /Document contains more th(?:at|an) \d+ tokens/;

/**
 * The gateway refusal an error stands for, if any. Apollo Server re-codes every validation
 * error as `GRAPHQL_VALIDATION_FAILED` and every parse error as `GRAPHQL_PARSE_FAILED`; the
 * refusal's own code survives on the original error (validation rules), as Apollo's
 * `validationErrorCode` (introspection) or only in graphql-js's message (token limit).
 *
 * @param formatted - the error as formatted for the response
 * @param error - the error as thrown, when known
 */
export function refusalCodeOf(
  formatted: GraphQLFormattedError,
  error?: unknown,
): GatewayRefusalCode | undefined {
  const candidates = [
    formatted.extensions?.code,
    originalOf(error)?.extensions?.code,
    formatted.extensions?.validationErrorCode,
  ];
  const found = candidates.find(isGatewayRefusal);
  if (found) return found;
  if (
    formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' &&
    TOO_MANY_TOKENS.test(formatted.message)
  ) {
    return 'TOO_MANY_TOKENS';
  }
  return undefined;
}

/**
 * The error a rule raised, under Apollo's wrapper. Structural, not `instanceof GraphQLError`:
 * Apollo Server and the gateway's code may hold different builds of graphql (CommonJS and ES
 * module), whose classes differ.
 */
function originalOf(error: unknown): { extensions?: Record<string, unknown> } | undefined {
  let current: unknown = error;
  for (let i = 0; i < 3 && isErrorLike(current) && current.originalError; i++) {
    current = current.originalError;
  }
  return isErrorLike(current) ? current : undefined;
}

function isErrorLike(
  value: unknown,
): value is { extensions?: Record<string, unknown>; originalError?: unknown } {
  return typeof value === 'object' && value !== null && 'message' in value;
}
