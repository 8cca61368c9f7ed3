import { deadlineIn } from '#kernel/deadline';
import { CORRELATION_HEADER, IDENTITY_HEADER } from '#kernel/identity-assertion';
import { key, PREFIX } from '#kernel/keys';
import type { Table } from '#kernel/table/table';
import { SUBGRAPHS, type SubgraphName } from '#schema/subgraphs';
import type { RequestSigner } from './request-signer.ts';
import { createSubgraphHttp, type SubgraphCall } from './subgraph-http.ts';
import type { AssertionSigner } from './subgraph-transport.ts';

/** Whether every subgraph and the table answer, and which do not. */
export interface HealthReport {
  healthy: boolean;
  subgraphs: Record<SubgraphName, 'up' | 'down'>;
  /** Whether DynamoDB answers the gateway; `none` where the gateway has no table (bare dev). */
  dynamodb: 'up' | 'down' | 'none';
}

/**
 * The item `/health` asks DynamoDB for: one `GetItem` of a key nobody writes, under the one
 * prefix the gateway may read (`GATEWAY_KEY_PREFIXES`). Its absence is the answer: DynamoDB
 * answered, through the gateway's own grant and key.
 */
export const HEALTH_KEY = { pk: key(PREFIX.health, 'gateway'), sk: PREFIX.health } as const;

/**
 * Asks every subgraph for `__typename` through the same authenticated path as real queries
 * (the gateway's own anonymous identity may reach nothing else), so "up" means a query would
 * get through, not merely that a port is open; and asks the table for one fixed item
 * ({@link HEALTH_KEY}), never a scan. Its callers answer from a short cache (`health-cache.ts`),
 * so anonymous traffic cannot multiply either.
 */
export function createHealthCheck(options: {
  urls: Record<SubgraphName, string>;
  signAssertion: AssertionSigner;
  signRequest?: RequestSigner;
  timeoutMs: number;
  table?: Table;
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

  const probeTable = async (): Promise<HealthReport['dynamodb']> => {
    if (!options.table) return 'none';
    try {
      await options.table.withDeadline(deadlineIn(options.timeoutMs)).get(HEALTH_KEY);
      return 'up';
    } catch {
      return 'down';
    }
  };

  return async (): Promise<HealthReport> => {
    const [states, dynamodb] = await Promise.all([
      Promise.all(SUBGRAPHS.map(async ({ name }) => [name, await probe(name)] as const)),
      probeTable(),
    ]);
    const subgraphs = Object.fromEntries(states) as HealthReport['subgraphs'];
    return {
      healthy: states.every(([, state]) => state === 'up') && dynamodb !== 'down',
      subgraphs,
      dynamodb,
    };
  };
}
