import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutcomeUnknownError, TemporarilyUnavailableError } from '#kernel/errors';
import { createDynamoClient } from '#kernel/table/client';
import { ensureTable } from '#kernel/table/create-table';
import { itemMustNotExist } from '#kernel/table/expressions';
import { Table } from '#kernel/table/table';
import { type FaultProxy, type FaultRule, startFaultProxy } from '../support/fault-proxy.ts';
import { dynamoEndpointOfThisFile } from '../support/file-dynamodb.ts';
import { eventually } from '../support/lifecycle-harness.ts';

/**
 * The fault proxy in front of DynamoDB Local, driven by the real SDK client through the kernel's
 * `Table`: what each fault does on the wire, what the SDK's retries make of it, and what reaches
 * the caller past them (`TEMPORARILY_UNAVAILABLE`: nothing was written; `OUTCOME_UNKNOWN`: a
 * write may have been).
 */
describe('the fault proxy in front of DynamoDB Local', () => {
  const tableName = `faults-${randomUUID()}`;
  let endpoint: string;
  let proxy: FaultProxy;
  /** Every TransactWriteItems body that reached the proxy, in order. */
  const transactions: string[] = [];

  /** The table through the proxy, with a client of its own (its own retry quota). */
  function tableThroughProxy(settings: { maxAttempts?: number; requestTimeoutMs?: number } = {}) {
    const client = createDynamoClient(proxy.url, {
      maxAttempts: settings.maxAttempts ?? 3,
      connectionTimeoutMs: 1_000,
      requestTimeoutMs: settings.requestTimeoutMs ?? 10_000,
    });
    return new Table(client, tableName);
  }

  /** The table straight on DynamoDB Local: what is stored, whatever the proxy did. */
  function tableDirect() {
    return new Table(createDynamoClient(endpoint), tableName);
  }

  function faults(rules: FaultRule[], seed = 1) {
    proxy.setRules(rules, seed);
    proxy.resetCounts();
    proxy.enable();
  }

  async function failureOf(call: Promise<unknown>): Promise<unknown> {
    try {
      await call;
    } catch (error) {
      return error;
    }
    return 'succeeded';
  }

  const thing = () => {
    const id = randomUUID();
    return { pk: `THING#${id}`, sk: `THING#${id}`, id };
  };
  const keyOf = ({ pk, sk }: { pk: string; sk: string }) => ({ pk, sk });

  beforeAll(async () => {
    endpoint = await dynamoEndpointOfThisFile();
    await ensureTable(createDynamoClient(endpoint), tableName);
    proxy = await startFaultProxy({
      target: endpoint,
      observe: ({ operation, body }) => {
        if (operation === 'TransactWriteItems') transactions.push(body);
      },
    });
  });

  afterAll(async () => {
    await proxy?.stop();
  });

  it('answers a throttle as DynamoDB does: 400, the error type in header and body, nothing forwarded', async () => {
    // Prepare
    faults([{ kind: 'throttled', rate: 1, operations: ['GetItem'] }]);
    const ask = () =>
      fetch(proxy.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.GetItem',
        },
        body: JSON.stringify({ TableName: tableName, Key: { pk: { S: 'a' }, sk: { S: 'a' } } }),
      });
    // Act
    const throttled = await ask();
    faults([{ kind: 'throttlingException', rate: 1 }]);
    const rateLimited = await ask();
    // Assess
    expect(throttled.status).toBe(400);
    expect(throttled.headers.get('x-amzn-errortype')).toBe(
      'ProvisionedThroughputExceededException',
    );
    expect(await throttled.json()).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
      message: expect.stringContaining('provisioned throughput'),
    });
    expect(rateLimited.status).toBe(400);
    expect(((await rateLimited.json()) as { __type: string }).__type).toMatch(
      /#ThrottlingException$/,
    );
    expect(proxy.counts()).toMatchObject({ requests: 1, throttlingException: 1, forwarded: 0 });
  });

  it('lets the SDK retry a throttled read into a success', async () => {
    // Prepare
    const item = thing();
    await tableDirect().put(item);
    faults([{ kind: 'throttled', rate: 1, limit: 2, operations: ['GetItem'] }]);
    // Act
    const read = await tableThroughProxy({ maxAttempts: 3 }).get(keyOf(item));
    // Assess
    expect(read).toEqual(item);
    expect(proxy.counts('GetItem')).toMatchObject({ requests: 3, throttled: 2, forwarded: 1 });
  });

  it('hands a throttle past the attempts to the caller as TEMPORARILY_UNAVAILABLE, for reads and writes, with nothing written', async () => {
    // Prepare
    const item = thing();
    const table = tableThroughProxy({ maxAttempts: 3 });
    // Act
    faults([{ kind: 'throttled', rate: 1 }]);
    const read = await failureOf(table.get(keyOf(item)));
    const write = await failureOf(table.put(item));
    faults([{ kind: 'throttlingException', rate: 1 }]);
    const transaction = await failureOf(table.transact([{ put: item }]));
    // Assess
    expect(read).toBeInstanceOf(TemporarilyUnavailableError);
    expect(write).toBeInstanceOf(TemporarilyUnavailableError);
    expect(transaction).toBeInstanceOf(TemporarilyUnavailableError);
    expect(proxy.counts()).toMatchObject({ requests: 3, throttlingException: 3, forwarded: 0 });
    expect(await tableDirect().get(keyOf(item))).toBeUndefined();
  });

  it.each(['appliedThenServerError', 'appliedThenDropped'] as const)(
    'commits a transaction whose answer was lost (%s) once: the SDK retries it with the same token and it succeeds',
    async (kind) => {
      // Prepare
      const item = thing();
      faults([{ kind, rate: 1, limit: 1, operations: ['TransactWriteItems'] }]);
      const sentBefore = transactions.length;
      // Act
      const outcome = await failureOf(
        tableThroughProxy().transact([{ put: item, condition: itemMustNotExist }]),
      );
      // Assess
      expect(outcome).toBe('succeeded');
      expect(proxy.counts('TransactWriteItems')).toMatchObject({ requests: 2, forwarded: 2 });
      const tokens = transactions
        .slice(sentBefore)
        .map((body) => (JSON.parse(body) as { ClientRequestToken?: string }).ClientRequestToken);
      expect(tokens).toHaveLength(2);
      expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(tokens[1]).toBe(tokens[0]);
      expect(await tableDirect().get(keyOf(item))).toEqual(item);
    },
  );

  it('says OUTCOME_UNKNOWN for a write whose answer stays lost past the attempts, and TEMPORARILY_UNAVAILABLE for a read', async () => {
    // Prepare
    const applied = thing();
    const refused = thing();
    const table = tableThroughProxy({ maxAttempts: 2 });
    // Act
    faults([{ kind: 'appliedThenDropped', rate: 1 }]);
    const transaction = await failureOf(table.transact([{ put: applied }]));
    const droppedRead = await failureOf(table.get(keyOf(applied)));
    faults([{ kind: 'serverError', rate: 1 }]);
    const put = await failureOf(table.put(refused));
    const erroredRead = await failureOf(table.get(keyOf(refused)));
    faults([{ kind: 'droppedBeforeForward', rate: 1 }]);
    const unsentUpdate = await failureOf(table.update(keyOf(refused), { set: { n: 1 } }));
    const unsentRead = await failureOf(table.get(keyOf(refused)));
    // Assess
    expect(transaction).toBeInstanceOf(OutcomeUnknownError);
    expect(droppedRead).toBeInstanceOf(TemporarilyUnavailableError);
    expect(put).toBeInstanceOf(OutcomeUnknownError);
    expect(erroredRead).toBeInstanceOf(TemporarilyUnavailableError);
    expect(unsentUpdate).toBeInstanceOf(OutcomeUnknownError);
    expect(unsentRead).toBeInstanceOf(TemporarilyUnavailableError);
    expect(proxy.counts()).toMatchObject({ requests: 4, droppedBeforeForward: 4, forwarded: 0 });
    // The transaction was applied although its caller could not know; the refused ones were not.
    expect(await tableDirect().get(keyOf(applied))).toEqual(applied);
    expect(await tableDirect().get(keyOf(refused))).toBeUndefined();
  });

  it('says OUTCOME_UNKNOWN, not CONFLICT, when a conditional write applied on an attempt whose answer was lost fails its condition on the retry', async () => {
    // Prepare
    const item = thing();
    faults([{ kind: 'appliedThenDropped', rate: 1, limit: 1, operations: ['PutItem'] }]);
    // Act
    const outcome = await failureOf(tableThroughProxy().put(item, itemMustNotExist));
    // Assess
    expect(outcome).toBeInstanceOf(OutcomeUnknownError);
    expect(proxy.counts('PutItem')).toMatchObject({ requests: 2, forwarded: 2 });
    expect(await tableDirect().get(keyOf(item))).toEqual(item);
  });

  it('says OUTCOME_UNKNOWN, not TEMPORARILY_UNAVAILABLE, when a write is throttled after an attempt whose answer was lost', async () => {
    // Prepare
    const item = thing();
    faults([
      { kind: 'appliedThenServerError', rate: 1, limit: 1 },
      { kind: 'throttled', rate: 1 },
    ]);
    // Act
    const outcome = await failureOf(tableThroughProxy({ maxAttempts: 3 }).put(item));
    // Assess
    expect(outcome).toBeInstanceOf(OutcomeUnknownError);
    expect(proxy.counts()).toMatchObject({
      requests: 3,
      appliedThenServerError: 1,
      throttled: 2,
      forwarded: 1,
    });
    expect(await tableDirect().get(keyOf(item))).toEqual(item);
  });

  it('adds latency; an attempt that waits longer than the request timeout is given up, and a write given up on may still be applied', async () => {
    // Prepare
    const item = thing();
    const late = thing();
    await tableDirect().put(item);
    const patient = tableThroughProxy({ requestTimeoutMs: 5_000 });
    const impatient = tableThroughProxy({ maxAttempts: 1, requestTimeoutMs: 300 });
    faults([{ kind: 'latency', rate: 1, latencyMs: 600 }]);
    // Act
    const started = Date.now();
    const slow = await patient.get(keyOf(item));
    const tookMs = Date.now() - started;
    const timedOutRead = await failureOf(impatient.get(keyOf(item)));
    const timedOutWrite = await failureOf(impatient.put(late));
    // Assess
    expect(slow).toEqual(item);
    expect(tookMs).toBeGreaterThanOrEqual(600);
    expect(timedOutRead).toBeInstanceOf(TemporarilyUnavailableError);
    expect(timedOutWrite).toBeInstanceOf(OutcomeUnknownError);
    await eventually(() => proxy.counts().forwarded === 3, 'the late requests forwarded');
    expect(proxy.counts()).toMatchObject({ requests: 3, latency: 3, forwarded: 3 });
    expect(await tableDirect().get(keyOf(late))).toEqual(late);
  });

  it('strikes the same requests again for the same seed, and at about the rate set', async () => {
    // Prepare
    const item = thing();
    await tableDirect().put(item);
    const table = tableThroughProxy({ maxAttempts: 1 });
    const pattern = async (seed: number) => {
      faults([{ kind: 'serverError', rate: 0.25, operations: ['GetItem'] }], seed);
      const struck: boolean[] = [];
      for (let n = 0; n < 80; n++)
        struck.push((await failureOf(table.get(keyOf(item)))) !== 'succeeded');
      return struck.map((s) => (s ? 'x' : '.')).join('');
    };
    // Act
    const first = await pattern(7);
    const again = await pattern(7);
    const other = await pattern(8);
    // Assess
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    const rate = first.split('').filter((c) => c === 'x').length / first.length;
    expect(rate).toBeGreaterThan(0.1);
    expect(rate).toBeLessThan(0.4);
  });

  it('passes everything on while switched off, strikes again when switched on', async () => {
    // Prepare
    const item = thing();
    await tableDirect().put(item);
    const table = tableThroughProxy({ maxAttempts: 1 });
    faults([{ kind: 'serverError', rate: 1 }]);
    // Act
    proxy.disable();
    const whileOff = await failureOf(table.get(keyOf(item)));
    proxy.enable();
    const whileOn = await failureOf(table.get(keyOf(item)));
    // Assess
    expect(whileOff).toBe('succeeded');
    expect(whileOn).toBeInstanceOf(TemporarilyUnavailableError);
    expect(proxy.counts()).toMatchObject({ requests: 2, serverError: 1, forwarded: 1 });
  });

  it('stops cleanly: a request in flight is finished, later ones find nobody listening', async () => {
    // Prepare
    const item = thing();
    await tableDirect().put(item);
    const own = await startFaultProxy({
      target: endpoint,
      rules: [{ kind: 'latency', rate: 1, latencyMs: 5_000 }],
    });
    const client = createDynamoClient(own.url, {
      maxAttempts: 1,
      connectionTimeoutMs: 1_000,
      requestTimeoutMs: 10_000,
    });
    const table = new Table(client, tableName);
    const inFlight = table.get(keyOf(item));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Act
    const started = Date.now();
    await own.stop();
    const stoppedInMs = Date.now() - started;
    const afterwards = await failureOf(table.put(thing()));
    // Assess
    expect(stoppedInMs).toBeLessThan(2_000);
    expect(await inFlight).toEqual(item);
    expect(afterwards).toBeInstanceOf(TemporarilyUnavailableError);
  });
});
