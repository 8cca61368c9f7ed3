import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * The gateway sends a request's parallel calls to one subgraph as one batched HTTP request
 * (`gateway/call-batching.ts`); a subgraph answers batches up to this length and refuses longer
 * ones before any work, so a batch can never be a way around the gateway's limits of one query.
 */
export const MAX_BATCHED_OPERATIONS = 8;

function bodyOf(event: APIGatewayProxyEventV2): string {
  const body = event.body ?? '';
  return event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}

/**
 * Lambda middleware: a `400` for a batch of more than {@link MAX_BATCHED_OPERATIONS} operations;
 * anything else goes on to Apollo Server, which judges malformed bodies itself.
 */
export async function refuseLongBatches(
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2 | undefined> {
  const body = bodyOf(event);
  if (!body.trimStart().startsWith('[')) return undefined;
  let operations: unknown;
  try {
    operations = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!Array.isArray(operations) || operations.length <= MAX_BATCHED_OPERATIONS) return undefined;
  return {
    statusCode: 400,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      errors: [
        {
          message: `A batch holds at most ${MAX_BATCHED_OPERATIONS} operations`,
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    }),
  };
}
