import type { Context } from 'aws-lambda';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayConfig, subgraphUrlVariable } from '#gateway/config';
import { createGateway } from '#gateway/gateway';
import { createGatewayLambdaHandler } from '#gateway/lambda-handler';
import { createDynamoClient } from '#kernel/table/client';
import { Table } from '#kernel/table/table';
import { SUBGRAPHS } from '#schema/subgraphs';
import { graphqlPostEvent } from '../support/api-gateway-event.ts';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import { dynamoEndpointOfThisFile } from '../support/file-dynamodb.ts';
import { createTestTable } from '../support/table.ts';

/**
 * `/health` says whether DynamoDB answers the gateway, not only the subgraphs (#17), with one
 * GetItem of a fixed key, and stays cheap under anonymous traffic: within the cache's time,
 * however many ask, DynamoDB is asked once. The table is reached through the fault proxy, which
 * counts the calls and fails them on demand; the subgraphs are not running here (their state is
 * `foundation.test.ts`'s).
 */
describe('the health report and DynamoDB', () => {
  let proxy: FaultProxy;
  let tableName: string;
  let signingKey: JWK;
  const config = readGatewayConfig({
    AUTH_ISSUER: 'https://issuer.test',
    AUTH_AUDIENCE: 'nextwork',
    AUTH_JWKS_URI: 'https://issuer.test/jwks.json',
    ...Object.fromEntries(
      SUBGRAPHS.map(({ name }) => [subgraphUrlVariable(name), `http://127.0.0.1:9/${name}`]),
    ),
  });

  /** A gateway of its own (its own cache) whose table is behind the proxy; `/health` of it. */
  function healthOfNewGateway() {
    const table = new Table(
      createDynamoClient(proxy.url, {
        maxAttempts: 1,
        connectionTimeoutMs: 1_000,
        requestTimeoutMs: 3_000,
      }),
      tableName,
    );
    const handler = createGatewayLambdaHandler(createGateway(config, signingKey, table));
    return async () => {
      const answer = await handler(
        { ...graphqlPostEvent('', {}, 'health-test'), rawPath: '/health' },
        {} as Context,
      );
      return JSON.parse(String(answer.body)) as { healthy: boolean; dynamodb: string };
    };
  }

  beforeAll(async () => {
    tableName = (await createTestTable()).name;
    proxy = await startFaultProxy({ target: await dynamoEndpointOfThisFile() });
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    signingKey = await exportJWK(privateKey);
  });

  afterAll(async () => {
    await proxy?.stop();
  });

  it('reports DynamoDB up when it answers', async () => {
    // Prepare
    proxy.setRules([]);
    proxy.resetCounts();
    const health = healthOfNewGateway();
    // Act
    const report = await health();
    // Assess
    expect(report.dynamodb).toBe('up');
    expect(proxy.counts('GetItem')).toMatchObject({ requests: 1, forwarded: 1 });
  });

  it('reports DynamoDB down, and the gateway unhealthy, when it does not answer', async () => {
    // Prepare
    proxy.setRules([{ kind: 'serverError', rate: 1, operations: ['GetItem'] }]);
    proxy.resetCounts();
    const health = healthOfNewGateway();
    // Act
    const report = await health();
    // Assess
    expect(report).toMatchObject({ healthy: false, dynamodb: 'down' });
    expect(proxy.counts('GetItem').requests).toBeGreaterThan(0);
  });

  it('asks DynamoDB once for many anonymous calls within the cache time', async () => {
    // Prepare
    proxy.setRules([]);
    proxy.resetCounts();
    const health = healthOfNewGateway();
    // Act
    const reports = await Promise.all(Array.from({ length: 20 }, () => health()));
    const later = [];
    for (let i = 0; i < 20; i++) later.push(await health());
    // Assess
    expect(new Set([...reports, ...later].map((report) => report.dynamodb))).toEqual(
      new Set(['up']),
    );
    expect(proxy.counts('GetItem').requests).toBe(1);
    expect(proxy.counts('Scan').requests).toBe(0);
  });
});
