import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import { GraphQLError } from 'graphql';
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from '#gateway/config';
import { queryLimitRules } from '#gateway/query-limits';
import { createRateLimiter } from '#gateway/rate-limit';
import { createTokenVerifier } from '#gateway/token-verifier';
import { auditRetentionDays, createAuditTrail } from '#kernel/audit';
import type { SubgraphContext } from '#kernel/context';
import { createCursorCodec } from '#kernel/cursor';
import { createItemLoader } from '#kernel/entity-loader';
import { requestLogger } from '#kernel/logger';
import { createMetricsRecorder } from '#kernel/metrics';
import { servicesFromEnvironment } from '#kernel/services';
import { flushAuditTrail } from '#kernel/subgraph-server';
import type { Table } from '#kernel/table/table';
import { buildMonolithSchema } from './monolith-schema.ts';

/**
 * The monolith as a Lambda handler: one Apollo Server over the merged schema, configured like
 * a subgraph's (no introspection, no batching, no inline traces) with the gateway's query
 * limits, which verifies the caller's token itself (the gateway's verifier), counts the request
 * against the caller's rate as the gateway does (a monolith in production would need the same
 * protection, and its write), and builds the same context a subgraph builds, with one loader
 * for the whole request. Reads the local stack's environment (table, DynamoDB endpoint, cursor
 * secret, token issuer, rate limit).
 *
 * @param env - the process environment
 * @default process.env
 */
export function createMonolithHandler(table: Table, env: NodeJS.ProcessEnv = process.env) {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`The monolith needs ${name}`);
    return value;
  };
  const server = new ApolloServer<SubgraphContext>({
    schema: buildMonolithSchema(),
    introspection: false,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    validationRules: queryLimitRules(),
    plugins: [ApolloServerPluginInlineTraceDisabled(), flushAuditTrail],
  });
  const cursors = createCursorCodec(required('CURSOR_SECRET'));
  const retentionDays = auditRetentionDays();
  const services = servicesFromEnvironment();
  const rateLimit = createRateLimiter({
    table,
    limitPerMinute: Number(env.RATE_LIMIT_PER_MINUTE ?? DEFAULT_RATE_LIMIT_PER_MINUTE),
  });
  const verify = createTokenVerifier({
    issuer: required('AUTH_ISSUER'),
    audience: required('AUTH_AUDIENCE'),
    jwksUri: required('AUTH_JWKS_URI'),
    ...(env.AUTH_JWKS ? { jwks: env.AUTH_JWKS } : {}),
  });
  return startServerAndCreateLambdaHandler(
    server,
    handlers.createAPIGatewayProxyEventV2RequestHandler(),
    {
      context: async ({ event }): Promise<SubgraphContext> => {
        const identity = await verify(event.headers.authorization);
        const rate = await rateLimit(identity.subject);
        if (!rate.allowed) {
          throw new GraphQLError('Too many requests', { extensions: { code: 'RATE_LIMITED' } });
        }
        const correlationId = randomUUID();
        return {
          identity,
          correlationId,
          logger: requestLogger(correlationId),
          table,
          loader: createItemLoader(table),
          cursors,
          now: () => new Date(),
          audit: createAuditTrail({
            table,
            who: identity ? { subject: identity.subject, role: identity.role } : null,
            correlationId,
            now: () => new Date(),
            retentionDays,
          }),
          services,
          metrics: createMetricsRecorder(),
        };
      },
    },
  );
}
