import { handlers } from '@as-integrations/aws-lambda';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger } from '#kernel/logger';
import { errorResponse } from './error-response.ts';

/** A body that its content type says is JSON but is not. */
class UnreadableBodyError extends Error {
  override readonly name = 'UnreadableBodyError';
}

/**
 * How the gateway's Lambda handler reads an API Gateway v2 event into a GraphQL request and
 * writes Apollo's answer back: the integration's own, except for what fails outside Apollo
 * Server. The integration answers a body that is not JSON with 400 and the JSON parser's
 * message as plain text, and anything else that fails the same way; here a body that is not
 * JSON is a client's mistake, answered as `BAD_REQUEST` in the GraphQL-over-HTTP format, and
 * anything else the server's, answered as `INTERNAL_SERVER_ERROR` and logged as an error.
 */
export function gatewayRequestHandler() {
  const integration = handlers.createAPIGatewayProxyEventV2RequestHandler();
  return handlers.createRequestHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(
    (event) => {
      try {
        return integration.fromEvent(event);
      } catch (error) {
        // The integration parses the body with JSON.parse and nothing else.
        if (error instanceof SyntaxError) throw new UnreadableBodyError();
        throw error;
      }
    },
    {
      success: integration.toSuccessResult,
      error: (error) => {
        if (error instanceof UnreadableBodyError) {
          return errorResponse(400, 'BAD_REQUEST', 'The request body is not valid JSON');
        }
        logger.error('The gateway could not answer a request', {
          error: error instanceof Error ? error.name : typeof error,
        });
        return errorResponse(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      },
    },
  );
}
