import type { ApolloServerPlugin } from '@apollo/server';
import { logger } from '#kernel/logger';
import type { GatewayContext } from './gateway-context.ts';
import { refusalCodeOf } from './refusals.ts';

/**
 * One structured line per request: correlation id, operation, the caller's role and
 * municipality, duration and error codes. Never the subject, variables or results, which may
 * hold personal data.
 */
export function requestLogPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const startedAt = performance.now();
      return {
        async willSendResponse({ operationName, errors }) {
          const identity = contextValue.identity;
          logger.info('request', {
            correlationId: contextValue.correlationId,
            operationName: operationName ?? null,
            role: identity?.role ?? null,
            municipalityCode:
              identity && 'municipalityCode' in identity ? identity.municipalityCode : null,
            durationMs: Math.round(performance.now() - startedAt),
            errorCodes: (errors ?? []).map(
              (error) =>
                refusalCodeOf(error, error) ?? error.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
            ),
          });
        },
      };
    },
  };
}
