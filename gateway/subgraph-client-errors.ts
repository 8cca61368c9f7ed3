import type { RemoteGraphQLDataSource } from '@apollo/gateway';

/** A subgraph's GraphQL answer, as the gateway's data source returns it. */
export type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * Statuses about the call itself rather than its operation: the gateway's assertion or the
 * IAM signature refused (401, 403), a proxy's authentication (407), a timeout (408) or a
 * throttle (429). Those are the system's failures, never the client's.
 */
const STATUSES_OF_THE_HOP = new Set([401, 403, 407, 408, 429]);

/**
 * The subgraph's GraphQL answer inside a failed call, when the subgraph refused the operation
 * for the client's input. Apollo Server answers a request error (a variable that its scalar
 * refuses, such as the date `2026-02-30`; a literal that fails validation) with HTTP 400 and a
 * GraphQL body whose errors carry their codes (`BAD_USER_INPUT`, `GRAPHQL_VALIDATION_FAILED`).
 * The gateway's data source turns any non-2xx answer into an error holding the status and the
 * parsed body; this finds such an answer again, so that its errors reach the client as the
 * subgraph gave them instead of as `SUBGRAPH_UNAVAILABLE`. A 5xx, a status of the hop, or a
 * body that is not a GraphQL response with errors (a load balancer's page, Lambda's throttle
 * message) is not one.
 *
 * @param error - the error the data source raised for the call
 */
export function clientMistakeAnswerOf(error: unknown): SubgraphResponse | undefined {
  const response = (error as { extensions?: { response?: { status?: unknown; body?: unknown } } })
    ?.extensions?.response;
  const status = response?.status;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (STATUSES_OF_THE_HOP.has(status)) return undefined;
  const body = response?.body;
  if (!isGraphQLErrorAnswer(body)) return undefined;
  return { errors: body.errors, ...(body.data === undefined ? {} : { data: body.data }) };
}

function isGraphQLErrorAnswer(
  body: unknown,
): body is Required<Pick<SubgraphResponse, 'errors'>> & SubgraphResponse {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { errors } = body as { errors?: unknown };
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every(
      (e) =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as { message?: unknown }).message === 'string',
    )
  );
}
