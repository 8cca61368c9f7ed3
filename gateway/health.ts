import { CORRELATION_HEADER, IDENTITY_HEADER } from '#kernel/identity-assertion';
import { SUBGRAPHS, type SubgraphName } from '#schema/subgraphs';
import type { RequestSigner } from './request-signer.ts';
import { createSubgraphHttp, type SubgraphCall } from './subgraph-http.ts';
import type { AssertionSigner } from './subgraph-transport.ts';

/** Whether every subgraph answers, and which do not. */
export interface HealthReport {
  healthy: boolean;
  subgraphs: Record<SubgraphName, 'up' | 'down'>;
}

/**
 * Asks every subgraph for `__typename` through the same authenticated path as real queries
 * (the gateway's own anonymous identity may reach nothing else), so "up" means a query would
 * get through, not merely that a port is open.
 */
export function createHealthCheck(options: {
  urls: Record<SubgraphName, string>;
  signAssertion: AssertionSigner;
  signRequest?: RequestSigner;
  timeoutMs: number;
}) {
  const send = createSubgraphHttp(options.timeoutMs);
  const probe = async (name: SubgraphName): Promise<'up' | 'down'> => {
    try {
      const call: SubgraphCall = {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [IDENTITY_HEADER]: await options.signAssertion(null, name),
          [CORRELATION_HEADER]: 'gateway-health',
        },
        body: JSON.stringify({ query: '{ __typename }' }),
      };
      const url = options.urls[name];
      const response = await send(
        url,
        options.signRequest ? await options.signRequest(url, call) : call,
      );
      const body = (await response.json()) as { data?: { __typename?: string } };
      return response.ok && body.data?.__typename === 'Query' ? 'up' : 'down';
    } catch {
      return 'down';
    }
  };

  return async (): Promise<HealthReport> => {
    const states = await Promise.all(
      SUBGRAPHS.map(async ({ name }) => [name, await probe(name)] as const),
    );
    const subgraphs = Object.fromEntries(states) as HealthReport['subgraphs'];
    return { healthy: states.every(([, state]) => state === 'up'), subgraphs };
  };
}
