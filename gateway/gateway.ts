import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { JWK } from 'jose';
import { UnauthenticatedError } from '#kernel/errors';
import { createAssertionSigner } from '#kernel/identity-assertion';
import { logger } from '#kernel/logger';
import { createDynamoClient } from '#kernel/table/client';
import { Table } from '#kernel/table/table';
import { supergraphSdl } from '#schema/generated/supergraph';
import type { SubgraphName } from '#schema/subgraphs';
import { createAdmission } from './admission.ts';
import type { GatewayConfig } from './config.ts';
import { maskError } from './error-masking.ts';
import { createGatewayAuditTrails, refusalAuditPlugin } from './gateway-audit.ts';
import type { GatewayContext } from './gateway-context.ts';
import { requestMetricsPlugin } from './gateway-metrics.ts';
import { createHealthCheck } from './health.ts';
import { cachedHealthCheck, DEFAULT_HEALTH_CACHE_MS } from './health-cache.ts';
import { operationLimitsPlugin } from './operation-limits.ts';
import { operationResolutionPlugin } from './operation-resolution.ts';
import { queryLimitRules } from './query-limits.ts';
import { createInMemoryRateLimiter, createRateLimiter } from './rate-limit.ts';
import { createRateLimitedCounter, logRateLimited } from './rate-limited-count.ts';
import { requestLogPlugin } from './request-log.ts';
import { createSigV4Signer } from './request-signer.ts';
import { SubgraphTransport } from './subgraph-transport.ts';
import { createTokenVerifier } from './token-verifier.ts';

/**
 * Builds the gateway once per container: the static supergraph (never composed from
 * introspection at start), a transport per subgraph that carries the verified identity and
 * bounds every call with a timeout, the query limits, the per-identity rate limit, the audit
 * of refusals, and the production switches (introspection, landing page, error detail) set
 * explicitly from the stage rather than left to NODE_ENV.
 *
 * @param config - the gateway's settings
 * @param signingKey - the Ed25519 private key that signs identities for the subgraphs, or how to
 *   load it (tried again by the next request when a load fails)
 * @param table - the table of the rate limit and the refusals' audit trail
 * @param local - the local stack's own: the development issuer's refused subjects
 * @default table - the table named by the configuration, through its own client
 */
export function createGateway(
  config: GatewayConfig,
  signingKey: JWK | (() => Promise<JWK>),
  table: Table | undefined = config.tableName
    ? new Table(createDynamoClient(), config.tableName)
    : undefined,
  local: { refusesSubject?: (subject: string) => boolean } = {},
) {
  const production = config.stage === 'prod';
  const limits = config.queryLimits;
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

  /** Every subgraph's and the table's state, asked at most once per {@link DEFAULT_HEALTH_CACHE_MS}. */
  const health = cachedHealthCheck(
    createHealthCheck({
      ...transportOptions,
      urls: config.subgraphUrls,
      timeoutMs: Math.min(config.subgraphTimeoutMs, 3000),
      ...(table ? { table } : {}),
    }),
    { ttlMs: DEFAULT_HEALTH_CACHE_MS },
  );

  const gateway = new ApolloGateway({
    supergraphSdl,
    // Composition already validated it, and the composition test fails when the committed
    // supergraph is stale; validating it again costs every cold start ~0.1 s (Apollo skips it
    // too when NODE_ENV is production, which Lambda does not set).
    validateSupergraph: false,
    buildService: ({ name }) =>
      new SubgraphTransport({
        name: name as SubgraphName,
        url: config.subgraphUrls[name as SubgraphName],
        ...transportOptions,
        onUnavailable: () => health.invalidate(),
      }),
  });

  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: queryLimitRules(limits),
    plugins: [
      requestLogPlugin(),
      requestMetricsPlugin(),
      operationResolutionPlugin(),
      operationLimitsPlugin(limits),
      refusalAuditPlugin(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
    formatError: (formatted, error) => maskError(formatted, error, production),
  });

  if (!table) {
    logger.warn('No TABLE_NAME: rate limit per instance only, refusals logged, not audited');
  }

  const admit = createAdmission({
    verifyToken: createTokenVerifier(config.auth, local.refusesSubject),
    rateLimit: table
      ? createRateLimiter({ table, limitPerMinute: config.rateLimitPerMinute })
      : createInMemoryRateLimiter(config.rateLimitPerMinute),
    countRateLimited: table
      ? createRateLimitedCounter({ table, retentionDays: config.auditRetentionDays })
      : logRateLimited,
    auditTrail: createGatewayAuditTrails({ table, retentionDays: config.auditRetentionDays }),
    maxRequestBytes: config.maxRequestBytes,
    requestDeadlineMs: config.requestDeadlineMs,
  });

  return {
    server,
    /** Size, batching, token and rate checks before Apollo Server parses anything. */
    admit,
    /**
     * Apollo's context of an admitted request. Only the landing page is admitted without an
     * identity; anything else it leads to is refused here.
     */
    contextOf(admitted: GatewayContext | undefined): GatewayContext {
      if (!admitted?.identity) throw new UnauthenticatedError('A bearer token is required');
      return admitted;
    },
    health,
  };
}

/** The gateway's type. */
export type Gateway = ReturnType<typeof createGateway>;
