import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoSubject } from '#infra/local/demo-identities';
import { type DevTokenSubject, mintDevToken } from '#infra/local/dev-issuer';
import { type LocalStack, startLocalStack } from '#infra/local/local-stack';
import type { Role } from '#kernel/identity';
import { DEMO_SNAPSHOT_TABLE, demoWorldSnapshot } from './demo-world-snapshot.ts';
import { dynamoEndpointOfThisFile } from './file-dynamodb.ts';

/** The local stack of one test file, with helpers to query it as a person would. */
export interface TestStack {
  stack: LocalStack;
  /** A development token for a role, filled in with a demo person like `npm run token`. */
  token(role: Role, scope?: Omit<DevTokenSubject, 'role'>): Promise<string>;
  /** POSTs a GraphQL operation to the gateway over HTTP. */
  query<T = Record<string, unknown>>(
    query: string,
    options?: {
      token?: string;
      variables?: Record<string, unknown>;
      headers?: Record<string, string>;
    },
  ): Promise<{ status: number; body: GraphQLBody<T> }>;
}

/** A GraphQL response body. */
export interface GraphQLBody<T> {
  data?: T | null;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
}

/**
 * Starts the whole local stack for one test file — the real gateway and subgraph handlers on
 * loopback ports, this test file's DynamoDB Local (see `file-dynamodb.ts`) started on a copy of the
 * run's demo-world snapshot (`demo-world-snapshot.ts`), so the world is seeded once per run.
 *
 * @param stage - `prod` to test the production switches
 */
export async function startTestStack(stage: 'dev' | 'prod' = 'dev'): Promise<TestStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'nextwork-e2e-'));
  // Tests call the gateway as fast as a machine can, from one identity: the per-identity rate
  // limit is for people (a test of the limit itself sets its own before it starts the stack).
  process.env.RATE_LIMIT_PER_MINUTE ??= '100000';
  const stack = await startLocalStack({
    dataDir,
    port: 0,
    dynamoEndpoint: await dynamoEndpointOfThisFile({ from: await demoWorldSnapshot() }),
    tableName: DEMO_SNAPSHOT_TABLE,
    stage,
    seed: true,
  });
  return testStackOf(stack);
}

/**
 * The helpers of a test stack around a local stack started by the caller (on an endpoint of
 * its own, such as the fault proxy's).
 *
 * @param stack - the running local stack
 */
export function testStackOf(stack: LocalStack): TestStack {
  return {
    stack,
    token: (role, scope = {}) =>
      mintDevToken(stack.keys, demoSubject(role, scope), '12h', stack.signIn),
    async query(query, options = {}) {
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({
          query,
          ...(options.variables ? { variables: options.variables } : {}),
        }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLBody<never> };
    },
  };
}
