import { beforeAll, describe, expect, it } from 'vitest';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import { countRoundTrips } from '#kernel/table/round-trips';
import { ConditionFailedError, type Table } from '#kernel/table/table';
import { createTestTable } from '../support/table.ts';

const item = (n: number) => ({ pk: `THING#${n}`, sk: `THING#${n}`, n, version: 1 });

describe('table access against DynamoDB Local', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await table.putMany(Array.from({ length: 250 }, (_, n) => item(n)));
  });

  it('reads 250 keys in three BatchGetItem calls, in the order asked, duplicates and misses included', async () => {
    // Prepare
    const counter = countRoundTrips(table.client);
    const keys = [...Array.from({ length: 250 }, (_, n) => 249 - n), 7, 999].map((n) => ({
      pk: `THING#${n}`,
      sk: `THING#${n}`,
    }));
    // Act
    const items = await table.batchGet(keys);
    // Assess
    expect(items.map((i) => i?.n)).toEqual([
      ...Array.from({ length: 250 }, (_, n) => 249 - n),
      7,
      undefined,
    ]);
    expect(counter.byCommand()).toEqual({ BatchGetItemCommand: 3 });
  });

  it('lets exactly one of two concurrent versioned writers win', async () => {
    // Prepare
    await table.put({ pk: 'DOC#1', sk: 'DOC#1', text: 'v1', version: 1 }, itemMustNotExist);
    // Act
    const results = await Promise.allSettled(
      ['a', 'b'].map((text) =>
        table.update(
          { pk: 'DOC#1', sk: 'DOC#1' },
          { set: { text }, add: { version: 1 } },
          versionIs(1),
        ),
      ),
    );
    // Assess
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConditionFailedError);
    expect((await table.get({ pk: 'DOC#1', sk: 'DOC#1' }))?.version).toBe(2);
  });

  it('writes nothing of a transaction whose condition fails, and says which action failed', async () => {
    // Prepare
    await table.put({ pk: 'TAKEN#1', sk: 'TAKEN#1' });
    // Act
    const attempt = table.transact([
      { put: { pk: 'NEW#1', sk: 'NEW#1' }, condition: itemMustNotExist },
      { put: { pk: 'TAKEN#1', sk: 'TAKEN#1' }, condition: itemMustNotExist },
    ]);
    // Assess
    await expect(attempt).rejects.toMatchObject({ reasons: ['None', 'ConditionalCheckFailed'] });
    expect(await table.get({ pk: 'NEW#1', sk: 'NEW#1' })).toBeUndefined();
  });

  it('pages a partition with a limit and resumes from the last key', async () => {
    // Prepare
    await table.putMany(
      Array.from({ length: 5 }, (_, n) => ({
        pk: 'LIST#1',
        sk: `ENTRY#${n}`,
        gsi1pk: 'IDX',
        gsi1sk: `${n}`,
      })),
    );
    // Act
    const first = await table.query({ index: 'gsi1', partition: 'IDX', limit: 3 });
    const rest = await table.query({
      index: 'gsi1',
      partition: 'IDX',
      limit: 3,
      startKey: first.lastKey,
    });
    // Assess
    expect(first.items.map((i) => i.gsi1sk)).toEqual(['0', '1', '2']);
    expect(rest.items.map((i) => i.gsi1sk)).toEqual(['3', '4']);
  });
});
