import { startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { withLambdaContext } from '#kernel/logger';
import { flushQuietly } from './admission.ts';
import type { createGateway } from './gateway.ts';
import type { GatewayContext } from './gateway-context.ts';
import { gatewayRequestHandler } from './http-request-handler.ts';

/**
 * The gateway's Lambda handler: `/health` reports the subgraphs; everything else is admitted
 * (size, batching, token, rate) or refused before Apollo Server parses it, then served as
 * GraphQL (a body that is not JSON answered as `BAD_REQUEST`: `http-request-handler.ts`), and
 * the request's audit trail written at the end. The same handler serves the local
 * stack (`infra/local/local-stack.ts`).
 *
 * @param gateway - the gateway
 */
export function createGatewayLambdaHandler(gateway: ReturnType<typeof createGateway>) {
  /** The context of each admitted request, found again by Apollo's context function. */
  const admitted = new WeakMap<APIGatewayProxyEventV2, GatewayContext>();
  const graphql = startServerAndCreateLambdaHandler(gateway.server, gatewayRequestHandler(), {
    context: async ({ event }) => gateway.contextOf(admitted.get(event)),
  });
  return withLambdaContext(
    async (
      event: APIGatewayProxyEventV2,
      context: Context,
    ): Promise<APIGatewayProxyStructuredResultV2> => {
      if (event.rawPath === '/health') {
        const report = await gateway.health();
        return {
          statusCode: report.healthy ? 200 : 503,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(report),
        };
      }
      const admission = await gateway.admit(event);
      if (!admission.admitted) return admission.response;
      admitted.set(event, admission.context);
      try {
        const response = await graphql(event, context, () => {});
        if (!response) throw new Error('The GraphQL handler returned no response');
        return response;
      } finally {
        await flushQuietly(admission.context);
        admission.context.metrics?.publish();
      }
    },
  );
}
