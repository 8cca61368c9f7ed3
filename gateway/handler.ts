import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { readGatewayConfig } from './config.ts';
import { createGateway } from './gateway.ts';
import { loadSigningKey } from './signing-key.ts';

const gateway = createGateway(readGatewayConfig(), loadSigningKey());

const graphql = startServerAndCreateLambdaHandler(
  gateway.server,
  handlers.createAPIGatewayProxyEventV2RequestHandler(),
  { context: ({ event }) => gateway.contextFromHeaders(event.headers) },
);

/** Lambda entry of the gateway: `/health` reports the subgraphs, everything else is GraphQL. */
export async function handler(
  event: APIGatewayProxyEventV2,
  context: Context,
): Promise<APIGatewayProxyStructuredResultV2> {
  if (event.rawPath === '/health') {
    const report = await gateway.health();
    return {
      statusCode: report.healthy ? 200 : 503,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(report),
    };
  }
  const response = await graphql(event, context, () => {});
  if (!response) throw new Error('The GraphQL handler returned no response');
  return response;
}
