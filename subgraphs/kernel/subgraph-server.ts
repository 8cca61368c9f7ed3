import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import type { DocumentNode, GraphQLFormattedError } from 'graphql';
import type { SubgraphContext } from './context.ts';
import { type CursorCodec, createCursorCodec } from './cursor.ts';
import { createItemLoader } from './entity-loader.ts';
import { ERROR_CODES } from './errors.ts';
import {
  CORRELATION_HEADER,
  createAssertionVerifier,
  IDENTITY_HEADER,
} from './identity-assertion.ts';
import { logger, requestLogger } from './logger.ts';
import { readSubgraphEnvironment, type SubgraphEnvironment } from './runtime-config.ts';
import { resolveSecret } from './secrets.ts';
import { createDynamoClient } from './table/client.ts';
import { Table } from './table/table.ts';

/** What makes one subgraph: its name in the supergraph, its SDL and its resolvers. */
export interface SubgraphDefinition {
  name: string;
  typeDefs: DocumentNode;
  // biome-ignore lint/suspicious/noExplicitAny: generated resolver maps are wider than Apollo's own type
  resolvers: any;
}

const KNOWN_CODES = new Set<string>(Object.values(ERROR_CODES));

/**
 * Keeps deliberate errors (they carry a known code) and hides everything else behind a
 * generic message, so that no stack, table name or internal detail leaves the subgraph.
 */
function maskUnexpected(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && KNOWN_CODES.has(code) && code !== ERROR_CODES.INTERNAL) {
    return formatted;
  }
  if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED') return formatted;
  logger.error('Unexpected error in resolver', { error: error as Error });
  return { message: 'Internal server error', extensions: { code: ERROR_CODES.INTERNAL } };
}

/** Builds a subgraph's Apollo Server: schema from SDL and resolvers, hardened defaults. */
export function createSubgraphServer(
  definition: SubgraphDefinition,
): ApolloServer<SubgraphContext> {
  return new ApolloServer<SubgraphContext>({
    schema: buildSubgraphSchema({
      typeDefs: definition.typeDefs,
      resolvers: definition.resolvers as GraphQLResolverMap<unknown>,
    }),
    // Only the gateway talks to a subgraph, and it plans from the committed supergraph.
    introspection: false,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    formatError: maskUnexpected,
    // No Apollo Studio here: inline traces would only cost time on every subgraph call.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
}

/**
 * Per-process services of a subgraph, built once per container, and the per-request
 * context built from the gateway's headers.
 *
 * @param name - the subgraph's name; assertions addressed to another subgraph are refused
 * @param environment - settings; read from the process environment unless given
 */
export function createSubgraphRuntime(
  name: string,
  environment: SubgraphEnvironment = readSubgraphEnvironment(),
) {
  const table = new Table(createDynamoClient(), environment.TABLE_NAME);
  // Resolved on first use: in AWS the key comes from Secrets Manager, once per container.
  const cursorsReady: Promise<CursorCodec> = resolveSecret('CURSOR_SECRET').then(createCursorCodec);
  cursorsReady.catch(() => {});
  const verify = createAssertionVerifier(environment.GATEWAY_PUBLIC_KEY, name);

  return {
    table,
    /** Verifies the gateway's assertion and builds the request's context, or refuses. */
    async contextFromHeaders(
      headers: Record<string, string | undefined>,
    ): Promise<SubgraphContext> {
      const assertion = await verify(headers[IDENTITY_HEADER]);
      const correlationId = assertion.correlationId || headers[CORRELATION_HEADER] || '';
      return {
        identity: assertion.identity,
        correlationId,
        logger: requestLogger(correlationId),
        table,
        loader: createItemLoader(table),
        cursors: await cursorsReady,
        now: () => new Date(),
      };
    },
  };
}

/** The runtime's type. */
export type SubgraphRuntime = ReturnType<typeof createSubgraphRuntime>;

/**
 * The Lambda entry of a subgraph: API Gateway v2 (HTTP API, function URL) events in, the
 * verified context built for every request.
 */
export function createSubgraphLambdaHandler(
  server: ApolloServer<SubgraphContext>,
  runtime: SubgraphRuntime,
) {
  return startServerAndCreateLambdaHandler(
    server,
    handlers.createAPIGatewayProxyEventV2RequestHandler(),
    { context: ({ event }) => runtime.contextFromHeaders(event.headers) },
  );
}
