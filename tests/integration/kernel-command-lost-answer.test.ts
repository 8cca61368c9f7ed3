import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defineCommand, runCommand } from '#kernel/command';
import { defineEntity } from '#kernel/entity';
import { OutcomeUnknownError, requireVersion } from '#kernel/errors';
import { createDynamoClient } from '#kernel/table/client';
import { Table } from '#kernel/table/table';
import { testContext } from '../support/context.ts';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import { dynamoEndpointOfThisFile } from '../support/file-dynamodb.ts';
import { staffIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

/** A versioned record of the tests' own, read through the request's loader as subgraphs do. */
const SignSchema = z.object({ id: z.string(), text: z.string(), version: z.number().int() });
type Sign = z.infer<typeof SignSchema>;
const signKey = (id: string) => ({ pk: `SIGN#${id}`, sk: `SIGN#${id}` });
const SignEntity = defineEntity<Sign>({
  name: 'KernelTestSign',
  schema: SignSchema,
  key: (sign) => signKey(sign.id),
});

const repaintSign = defineCommand({
  name: 'repaintSign',
  input: z.object({ id: z.string(), text: z.string(), expectedVersion: z.number().int() }),
  async execute(context, input, work) {
    const sign = (await SignEntity.loadOne(context.loader, signKey(input.id))) as Sign;
    requireVersion('The sign', input.expectedVersion, sign.version);
    return work.change(SignEntity, sign, { text: input.text });
  },
  remember: (sign) => ({ id: sign.id }),
  async recall(context, remembered) {
    const { id } = remembered as { id: string };
    return (await SignEntity.loadOne(context.loader, signKey(id))) as Sign;
  },
});

/**
 * The write path when a commit's answer is lost after DynamoDB applied it, past the SDK's
 * attempts (issue 16, §1): with a key, the change is found by its key's record and answered as
 * it was written, not as it was read before; without one, the caller hears `OUTCOME_UNKNOWN`.
 */
describe('kernel: a command whose commit was applied and its answer lost', () => {
  let stored: Table;
  let proxy: FaultProxy;
  let throughProxy: Table;

  async function givenSign(text: string): Promise<Sign> {
    const sign = { id: randomUUID(), text, version: 1 };
    await stored.put(SignEntity.toItem(sign));
    return sign;
  }

  beforeAll(async () => {
    stored = await createTestTable();
    proxy = await startFaultProxy({
      target: await dynamoEndpointOfThisFile(),
      rules: [{ kind: 'appliedThenDropped', rate: 1, operations: ['TransactWriteItems'] }],
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

  it('answers an edit with a key as written, at its new version, found by its key', async () => {
    // Prepare
    const sign = await givenSign('Åbent');
    const context = testContext(throughProxy, staffIdentity('265'), new Date());
    // Act
    const answer = await runCommand(context, repaintSign, {
      id: sign.id,
      text: 'Lukket',
      expectedVersion: 1,
      idempotencyKey: randomUUID(),
    });
    // Assess
    expect(proxy.counts('TransactWriteItems')).toMatchObject({ appliedThenDropped: 1 });
    expect(answer).toEqual({ id: sign.id, text: 'Lukket', version: 2 });
    expect(await SignEntity.read(stored, signKey(sign.id))).toEqual(answer);
  });

  it('answers the same edit without a key OUTCOME_UNKNOWN, though it was applied', async () => {
    // Prepare
    const sign = await givenSign('Åbent');
    const context = testContext(throughProxy, staffIdentity('265'), new Date());
    // Act
    const answer = runCommand(context, repaintSign, {
      id: sign.id,
      text: 'Lukket',
      expectedVersion: 1,
    });
    // Assess
    await expect(answer).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(await SignEntity.read(stored, signKey(sign.id))).toMatchObject({ version: 2 });
  });
});
