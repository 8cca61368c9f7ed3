import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * A response of the gateway's own, outside Apollo Server, in the GraphQL-over-HTTP format
 * Apollo answers with: a JSON body of one error with its code, never a bare text.
 *
 * @param status - the HTTP status
 * @param code - the error's stable code (`extensions.code`)
 * @param message - a sentence for the client; never an echo of the request
 * @param headers - further headers, e.g. `retry-after`
 */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify({ errors: [{ message, extensions: { code } }] }),
  };
}
