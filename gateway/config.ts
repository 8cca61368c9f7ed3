import * as z from 'zod';
import { SUBGRAPHS, type SubgraphName } from '#schema/subgraphs';

const EnvironmentSchema = z.object({
  STAGE: z.enum(['dev', 'prod']).default('dev'),
  AUTH_ISSUER: z.string().min(1),
  AUTH_AUDIENCE: z.string().min(1),
  AUTH_JWKS_URI: z.url(),
  /** Local stack only: the development issuer's public keys, so no JWKS is fetched. */
  AUTH_JWKS: z.string().optional(),
  /** `iam`: sign subgraph calls with SigV4 (IAM-authorised function URLs in AWS). */
  SUBGRAPH_AUTH: z.enum(['none', 'iam']).default('none'),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(29_000).default(10_000),
});

/** The gateway's settings; the signing key is a secret and resolved separately. */
export interface GatewayConfig {
  stage: 'dev' | 'prod';
  auth: { issuer: string; audience: string; jwksUri: string; jwks?: string };
  subgraphAuth: 'none' | 'iam';
  subgraphTimeoutMs: number;
  subgraphUrls: Record<SubgraphName, string>;
}

/** The environment variable naming where a subgraph runs, e.g. `SUBGRAPH_URL_LEARNING_COMMUNITY`. */
export function subgraphUrlVariable(name: SubgraphName): string {
  return `SUBGRAPH_URL_${name.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * Reads the gateway's settings once per container; a missing one fails the cold start with
 * its name rather than the first request with a puzzle.
 *
 * @param env - the process environment
 * @default process.env
 */
export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = EnvironmentSchema.safeParse(env);
  const missingUrls = SUBGRAPHS.map(({ name }) => subgraphUrlVariable(name)).filter((v) => !env[v]);
  if (!parsed.success || missingUrls.length > 0) {
    const problems = [
      ...(parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'))),
      ...missingUrls,
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
    },
    subgraphAuth: e.SUBGRAPH_AUTH,
    subgraphTimeoutMs: e.SUBGRAPH_TIMEOUT_MS,
    subgraphUrls: Object.fromEntries(
      SUBGRAPHS.map(({ name }) => [name, env[subgraphUrlVariable(name)] as string]),
    ) as Record<SubgraphName, string>,
  };
}
