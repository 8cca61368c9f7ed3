import { randomUUID } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import type { JWK } from 'jose';
import { createAssertionSigner } from '#kernel/identity-assertion';
import { logger } from '#kernel/logger';
import { supergraphSdl } from '#schema/generated/supergraph';
import type { SubgraphName } from '#schema/subgraphs';
import type { GatewayConfig } from './config.ts';
import type { GatewayContext } from './gateway-context.ts';
import { createHealthCheck } from './health.ts';
import { queryLimitRules } from './query-limits.ts';
import { requestLogPlugin } from './request-log.ts';
import { createSigV4Signer } from './request-signer.ts';
import { SubgraphTransport } from './subgraph-transport.ts';
import { createTokenVerifier } from './token-verifier.ts';

/** Codes whose messages are meant for clients; anything else is masked in production. */
const CLIENT_FACING_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'QUERY_TOO_COMPLEX',
  'SUBGRAPH_UNAVAILABLE',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const CORRELATION_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Builds the gateway once per container: the static supergraph (never composed from
 * introspection at start), a transport per subgraph that carries the verified identity, query
 * limits, and the production switches set explicitly rather than left to NODE_ENV.
 *
 * @param config - the gateway's settings
 * @param signingKey - the Ed25519 private key that signs identities for the subgraphs
 */
export function createGateway(config: GatewayConfig, signingKey: JWK | Promise<JWK>) {
  const production = config.stage === 'prod';
  const signAssertion = createAssertionSigner(signingKey);
  const signRequest =
    config.subgraphAuth === 'iam'
      ? createSigV4Signer(process.env.AWS_REGION ?? 'eu-north-1')
      : undefined;
  const transportOptions = {
    timeoutMs: config.subgraphTimeoutMs,
    signAssertion,
    ...(signRequest ? { signRequest } : {}),
  };

  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) =>
      new SubgraphTransport({
        name: name as SubgraphName,
        url: config.subgraphUrls[name as SubgraphName],
        ...transportOptions,
      }),
  });

  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    validationRules: queryLimitRules(),
    plugins: [requestLogPlugin(), ...(production ? [ApolloServerPluginLandingPageDisabled()] : [])],
    formatError: (formatted) => maskError(formatted, production),
  });

  const verifyToken = createTokenVerifier(config.auth);

  return {
    server,
    /** Verifies the caller's token; refuses the whole request when it is missing or invalid. */
    async contextFromHeaders(headers: Record<string, string | undefined>): Promise<GatewayContext> {
      const given = headers['x-correlation-id'];
      const correlationId = given && CORRELATION_ID.test(given) ? given : randomUUID();
      const identity = await verifyToken(headers.authorization);
      return { identity, correlationId };
    },
    health: createHealthCheck({
      ...transportOptions,
      urls: config.subgraphUrls,
      timeoutMs: Math.min(config.subgraphTimeoutMs, 3000),
    }),
  };
}

/** The gateway's type. */
export type Gateway = ReturnType<typeof createGateway>;

function maskError(formatted: GraphQLFormattedError, production: boolean): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  if (CLIENT_FACING_CODES.has(code)) {
    const { message, locations, path } = formatted;
    const subgraph = formatted.extensions?.subgraph;
    return {
      message,
      ...(locations ? { locations } : {}),
      ...(path ? { path } : {}),
      extensions: { code, ...(subgraph ? { subgraph } : {}) },
    };
  }
  logger.error('Unexpected gateway error', { code, message: formatted.message });
  if (!production) return formatted;
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
