import * as z from 'zod';
import { auditRetentionDays } from '#kernel/audit';
import { MAX_PAGE_SIZE } from '#kernel/validation';
import { SUBGRAPHS, type SubgraphName } from '#schema/subgraphs';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './query-limits.ts';
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  type TokenTimePolicy,
} from './token-claims.ts';

/**
 * The largest request body the gateway reads: 256 KiB, far above any real operation (the
 * longest free text, a work story, is 8,000 characters).
 */
export const DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;

/** Requests per identity and minute: a busy screen sends a few a second, a script far more. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 300;

/** A positive whole-number setting with a default and a sane ceiling. */
const limit = (fallback: number, max = 1_000_000) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

const EnvironmentSchema = z.object({
  STAGE: z.enum(['dev', 'prod']).default('dev'),
  AUTH_ISSUER: z.string().min(1),
  AUTH_AUDIENCE: z.string().min(1),
  AUTH_JWKS_URI: z.url(),
  /** Local stack only: the development issuer's public keys, so no JWKS is fetched. */
  AUTH_JWKS: z.string().optional(),
  /** The longest token lifetime (`exp - iat`) accepted: the user pool's ID token validity. */
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: limit(
    DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
    DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  ),
  /** How far a token's issue time may be ahead of the gateway's clock. */
  AUTH_CLOCK_SKEW_SECONDS: limit(DEFAULT_CLOCK_SKEW_SECONDS, 300),
  /** `iam`: sign subgraph calls with SigV4 (IAM-authorised function URLs in AWS). */
  SUBGRAPH_AUTH: z.enum(['none', 'iam']).default('none'),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(29_000).default(10_000),
  /** How long a whole request may take: below API Gateway's 30 s integration timeout. */
  GATEWAY_DEADLINE_MS: z.coerce.number().int().min(100).max(29_000).default(25_000),
  /** The single table: the per-identity rate limit and the audit trail of refusals. */
  TABLE_NAME: z.string().min(1).optional(),
  MAX_QUERY_DEPTH: limit(DEFAULT_QUERY_LIMITS.maxDepth, 100),
  MAX_QUERY_ALIASES: limit(DEFAULT_QUERY_LIMITS.maxAliases, 10_000),
  MAX_QUERY_DIRECTIVES: limit(DEFAULT_QUERY_LIMITS.maxDirectives, 10_000),
  MAX_QUERY_TOKENS: limit(DEFAULT_QUERY_LIMITS.maxTokens),
  MAX_QUERY_COST: limit(DEFAULT_QUERY_LIMITS.maxCost, 100_000_000),
  MAX_PAGE_SIZE: limit(DEFAULT_QUERY_LIMITS.maxPageSize, MAX_PAGE_SIZE),
  MAX_REQUEST_BYTES: limit(DEFAULT_MAX_REQUEST_BYTES, 6 * 1024 * 1024),
  RATE_LIMIT_PER_MINUTE: limit(DEFAULT_RATE_LIMIT_PER_MINUTE, 1_000_000),
});

/** The gateway's settings; the signing key is a secret and resolved separately. */
export interface GatewayConfig {
  stage: 'dev' | 'prod';
  auth: {
    issuer: string;
    audience: string;
    jwksUri: string;
    jwks?: string;
    /** What a token's `exp` and `iat` must satisfy. */
    tokenTimes: TokenTimePolicy;
  };
  subgraphAuth: 'none' | 'iam';
  subgraphTimeoutMs: number;
  /** How long a whole request may take; every subgraph call ends by then. */
  requestDeadlineMs: number;
  subgraphUrls: Record<SubgraphName, string>;
  /** The table for rate limiting and the audit trail; absent only in a bare dev setup. */
  tableName?: string;
  /** Shape and cost limits of an operation. */
  queryLimits: QueryLimits;
  /** Largest request body in bytes; larger ones are refused with 413 before parsing. */
  maxRequestBytes: number;
  /** Requests one identity may send per minute (a fixed window shared by all instances). */
  rateLimitPerMinute: number;
  /** Days an audit record of a refusal is kept (`AUDIT_RETENTION_DAYS`). */
  auditRetentionDays: number;
}

/** The environment variable naming where a subgraph runs, e.g. `SUBGRAPH_URL_LEARNING_COMMUNITY`. */
export function subgraphUrlVariable(name: SubgraphName): string {
  return `SUBGRAPH_URL_${name.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * Reads the gateway's settings once per container; a missing one fails the cold start with
 * its name rather than the first request with a puzzle. Every limit has a default and may be
 * overridden by its variable (`MAX_QUERY_DEPTH`, `RATE_LIMIT_PER_MINUTE`, …). In production the
 * table is required: without it there would be no rate limit shared between instances and no
 * audit of refusals.
 *
 * @param env - the process environment
 * @default process.env
 */
export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = EnvironmentSchema.safeParse(env);
  const missingUrls = SUBGRAPHS.map(({ name }) => subgraphUrlVariable(name)).filter((v) => !env[v]);
  const missingTable = parsed.success && parsed.data.STAGE === 'prod' && !parsed.data.TABLE_NAME;
  if (!parsed.success || missingUrls.length > 0 || missingTable) {
    const problems = [
      ...(parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'))),
      ...missingUrls,
      ...(missingTable ? ['TABLE_NAME'] : []),
    ];
    throw new Error(`Gateway environment is incomplete or invalid: ${problems.join(', ')}`);
  }
  const e = parsed.data;
  return {
    stage: e.STAGE,
    auth: {
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      jwksUri: e.AUTH_JWKS_URI,
      ...(e.AUTH_JWKS ? { jwks: e.AUTH_JWKS } : {}),
      tokenTimes: {
        maxLifetimeSeconds: e.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
        clockSkewSeconds: e.AUTH_CLOCK_SKEW_SECONDS,
      },
    },
    subgraphAuth: e.SUBGRAPH_AUTH,
    subgraphTimeoutMs: e.SUBGRAPH_TIMEOUT_MS,
    requestDeadlineMs: e.GATEWAY_DEADLINE_MS,
    subgraphUrls: Object.fromEntries(
      SUBGRAPHS.map(({ name }) => [name, env[subgraphUrlVariable(name)] as string]),
    ) as Record<SubgraphName, string>,
    ...(e.TABLE_NAME ? { tableName: e.TABLE_NAME } : {}),
    queryLimits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxAliases: e.MAX_QUERY_ALIASES,
      maxDirectives: e.MAX_QUERY_DIRECTIVES,
      maxTokens: e.MAX_QUERY_TOKENS,
      maxCost: e.MAX_QUERY_COST,
      maxPageSize: e.MAX_PAGE_SIZE,
      defaultPageSize: DEFAULT_QUERY_LIMITS.defaultPageSize,
      assumedListSize: DEFAULT_QUERY_LIMITS.assumedListSize,
    },
    maxRequestBytes: e.MAX_REQUEST_BYTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    auditRetentionDays: auditRetentionDays(env),
  };
}
