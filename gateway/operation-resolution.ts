import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './gateway-context.ts';

/**
 * Refuses, as the client's mistake (HTTP 400), a request whose operation the gateway cannot
 * run, before it is planned. Apollo Server leaves both to the executor, and the gateway's
 * executor throws a plain error for them, which Apollo answers as a 500
 * `INTERNAL_SERVER_ERROR`:
 *
 * - no operation found: several operations without an `operationName`, or an `operationName`
 *   the document does not have. `OPERATION_RESOLUTION_FAILURE`, the code Apollo Server gives
 *   the same mistake when it executes a schema of its own;
 * - a subscription: the supergraph has no subscription type and the gateway runs on Lambda,
 *   which holds no connection open. `BAD_REQUEST`.
 */
export function operationResolutionPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) {
            throw clientMistake(
              'OPERATION_RESOLUTION_FAILURE',
              request.operationName
                ? 'The document has no operation of that operationName'
                : 'The document has several operations: name the one to run in operationName',
            );
          }
          if (operation.operation === 'subscription') {
            throw clientMistake('BAD_REQUEST', 'Subscriptions are not supported; send a query');
          }
        },
      };
    },
  };
}

function clientMistake(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}
