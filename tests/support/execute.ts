import type { ApolloServer } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { SubgraphContext } from '#kernel/context';

/**
 * Runs one operation against a subgraph's server in process (no HTTP), with a given context.
 *
 * @param server - the subgraph's server
 * @param contextValue - the verified request context
 * @param query - the operation
 * @param variables - its variables
 */
export async function execute<TData = Record<string, unknown>>(
  server: ApolloServer<SubgraphContext>,
  contextValue: SubgraphContext,
  query: string,
  variables?: Record<string, unknown>,
): Promise<FormattedExecutionResult<TData>> {
  const response = await server.executeOperation<TData>(
    { query, ...(variables ? { variables } : {}) },
    { contextValue },
  );
  if (response.body.kind !== 'single') throw new Error('Expected a single result');
  return response.body.singleResult;
}

/** The error codes of a result, in order. */
export function errorCodes(result: FormattedExecutionResult): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}
