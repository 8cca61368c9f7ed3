import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClient } from '#kernel/table/client';
import { Table } from '#kernel/table/table';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import { dynamoEndpointOfThisFile } from '../support/file-dynamodb.ts';
import { createTestTable } from '../support/table.ts';

/**
 * Loading (seeding, maintenance) writes without conditions, so a batch whose answer was lost or
 * that met a busy table can be sent again: the load finishes with every item written once,
 * instead of failing on the first fault as a request would.
 */
describe('kernel table: loading items while writes fail', () => {
  let stored: Table;
  let proxy: FaultProxy;
  let throughProxy: Table;

  beforeAll(async () => {
    stored = await createTestTable();
    proxy = await startFaultProxy({
      target: await dynamoEndpointOfThisFile(),
      rules: [
        { kind: 'appliedThenDropped', rate: 1, operations: ['BatchWriteItem'], limit: 2 },
        { kind: 'throttled', rate: 1, operations: ['BatchWriteItem'], limit: 2 },
        { kind: 'serverError', rate: 1, operations: ['BatchWriteItem'], limit: 1 },
      ],
    });
    const client = createDynamoClient(proxy.url, {
      maxAttempts: 1,
      connectionTimeoutMs: 1_000,
      requestTimeoutMs: 10_000,
    });
    throughProxy = new Table(client, stored.name);
  });

  afterAll(async () => {
    await proxy?.stop();
  });

  it('writes every item of a load whose batches lost answers, were throttled and met server errors', async () => {
    // Prepare
    const items = Array.from({ length: 60 }, (_, n) => ({ pk: `LOAD#${n}`, sk: `LOAD#${n}`, n }));
    // Act
    await throughProxy.putMany(items);
    // Assess
    const counts = proxy.counts();
    expect(counts.appliedThenDropped).toBe(2);
    expect(counts.throttled).toBe(2);
    expect(counts.serverError).toBe(1);
    const read = await stored.batchGet(items.map(({ pk, sk }) => ({ pk, sk })));
    expect(read.map((item) => item?.n)).toEqual(items.map(({ n }) => n));
  });
});
