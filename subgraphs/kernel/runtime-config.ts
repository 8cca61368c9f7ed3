import type { JWK } from 'jose';
import * as z from 'zod';

const EnvironmentSchema = z.object({
  TABLE_NAME: z.string().min(1),
  GATEWAY_PUBLIC_KEY: z
    .string()
    .min(1)
    .transform((value) => JSON.parse(value) as JWK),
  STAGE: z.enum(['dev', 'prod']).default('dev'),
});

/** What a subgraph process reads from its environment; secrets are resolved separately. */
export type SubgraphEnvironment = z.infer<typeof EnvironmentSchema>;

/**
 * Reads and checks a subgraph's environment once at start, so that a missing setting fails
 * the cold start loudly instead of the first request quietly.
 *
 * @param env - the process environment
 * @default process.env
 */
export function readSubgraphEnvironment(env: NodeJS.ProcessEnv = process.env): SubgraphEnvironment {
  const parsed = EnvironmentSchema.safeParse(env);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`Subgraph environment is incomplete or invalid: ${missing}`);
  }
  return parsed.data;
}
