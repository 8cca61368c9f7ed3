import { randomUUID } from 'node:crypto';
import type {
  AttributeValue,
  BatchGetItemCommandOutput,
  BatchWriteItemCommandOutput,
  DynamoDBClient,
  GetItemCommandOutput,
  QueryCommandOutput,
  TransactWriteItem,
  UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { CursorKey } from '../cursor.ts';
import { type Deadline, NO_DEADLINE } from '../deadline.ts';
import { ConflictError, OutcomeUnknownError, TemporarilyUnavailableError } from '../errors.ts';
import type { ItemKey } from '../keys.ts';
import { runtimeSdk } from '../runtime-sdk.ts';
import type { IndexName } from './definition.ts';
import { type Condition, renderCondition, renderUpdate, type UpdateSpec } from './expressions.ts';
import { type CallEffect, failureOf, refuseAfterDeadline } from './failures.ts';

const {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} = runtimeSdk('@aws-sdk/client-dynamodb');
const { marshall, unmarshall } = runtimeSdk('@aws-sdk/util-dynamodb');

/** An item as stored: its key and any attributes. */
export type Item = ItemKey & Record<string, unknown>;

/** One action of a transaction. At most 100 per transaction, never two on the same item. */
export type TransactAction =
  | { put: Item; condition?: Condition }
  | { update: ItemKey; spec: UpdateSpec; condition?: Condition }
  | { delete: ItemKey; condition?: Condition }
  | { check: ItemKey; condition: Condition };

/** A query of one partition of the table or of one of its indexes. */
export interface QuerySpec {
  index?: IndexName;
  partition: string;
  /** Sort keys beginning with this. */
  beginsWith?: string;
  /** Sort keys between these, inclusive. */
  between?: [string, string];
  limit?: number;
  startKey?: CursorKey;
  /** Ascending sort key order unless false. */
  forward?: boolean;
}

/** One page of a query, and where the next begins. */
export interface QueryPage {
  items: Item[];
  lastKey?: CursorKey;
}

/**
 * A transaction or conditional write was refused because a condition did not hold.
 * `reasons` has one entry per action (`ConditionalCheckFailed`, `None`, …) so that a
 * repository can tell which rule was broken.
 */
export class ConditionFailedError extends ConflictError {
  constructor(readonly reasons: ReadonlyArray<string | undefined> = []) {
    super();
  }
}

/**
 * Another transaction was writing one of the same items at the same moment: nothing was
 * written, and the same command run again (reading afresh) may well succeed.
 */
export class TransactionConflictError extends ConflictError {}

const BATCH_GET_LIMIT = 100;
const BATCH_WRITE_LIMIT = 25;
const MAX_RETRIES = 8;

/**
 * Access to the single table: the only place that builds DynamoDB commands. Repositories
 * describe access patterns in terms of it; nothing here scans.
 */
export class Table {
  /**
   * @param client - the DynamoDB client (one per process)
   * @param name - the table's name
   * @param deadline - when the calls made through this table must have ended
   * @default deadline - none
   */
  constructor(
    readonly client: DynamoDBClient,
    readonly name: string,
    readonly deadline: Deadline = NO_DEADLINE,
  ) {}

  /**
   * The same table for one request: every call carries the request's deadline, and one that
   * runs out of time fails as a failure of the table (`TEMPORARILY_UNAVAILABLE`, or
   * `OUTCOME_UNKNOWN` for a write that was sent).
   *
   * @param deadline - the request's deadline
   */
  withDeadline(deadline: Deadline): Table {
    return new Table(this.client, this.name, deadline);
  }

  /** Reads one item, strongly consistent so a read after a write sees it. */
  async get(itemKey: ItemKey): Promise<Item | undefined> {
    const { Item: raw } = await this.send<GetItemCommandOutput>(
      new GetItemCommand({ TableName: this.name, Key: marshall(itemKey), ConsistentRead: true }),
      'read',
    );
    return raw ? (unmarshall(raw) as Item) : undefined;
  }

  /**
   * Reads many items in as few round trips as DynamoDB allows: duplicates removed (DynamoDB
   * rejects them), 100 keys a call, unprocessed keys retried with backoff, and the results
   * put back in the order of `keys` (DynamoDB returns them in any order). Strongly consistent,
   * like {@link Table.get}: a request's rules and its command decide on the same read, and a
   * read after a write sees it.
   *
   * @param keys - the keys to read; may repeat
   * @returns one entry per key, undefined where no item exists
   */
  async batchGet(keys: readonly ItemKey[]): Promise<Array<Item | undefined>> {
    const id = (k: ItemKey) => `${k.pk}\u0000${k.sk}`;
    const unique = [...new Map(keys.map((k) => [id(k), k])).values()];
    const found = new Map<string, Item>();
    for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
      let pending: Record<string, AttributeValue>[] = unique
        .slice(start, start + BATCH_GET_LIMIT)
        .map((k) => marshall({ pk: k.pk, sk: k.sk }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > MAX_RETRIES) throw new Error('BatchGetItem kept returning unprocessed keys');
        if (attempt > 0) await backoff(attempt);
        const result = await this.send<BatchGetItemCommandOutput>(
          new BatchGetItemCommand({
            RequestItems: { [this.name]: { Keys: pending, ConsistentRead: true } },
          }),
          'read',
        );
        for (const raw of result.Responses?.[this.name] ?? []) {
          const item = unmarshall(raw) as Item;
          found.set(id(item), item);
        }
        pending = result.UnprocessedKeys?.[this.name]?.Keys ?? [];
      }
    }
    return keys.map((k) => found.get(id(k)));
  }

  /** Reads one page of a partition (of the table or an index), in sort key order. */
  async query(spec: QuerySpec): Promise<QueryPage> {
    const keyNames = spec.index
      ? { pk: `${spec.index}pk`, sk: `${spec.index}sk` }
      : { pk: 'pk', sk: 'sk' };
    const names: Record<string, string> = { '#pk': keyNames.pk };
    const values: Record<string, unknown> = { ':pk': spec.partition };
    let expression = '#pk = :pk';
    if (spec.beginsWith !== undefined) {
      names['#sk'] = keyNames.sk;
      values[':prefix'] = spec.beginsWith;
      expression += ' AND begins_with(#sk, :prefix)';
    } else if (spec.between) {
      names['#sk'] = keyNames.sk;
      values[':from'] = spec.between[0];
      values[':to'] = spec.between[1];
      expression += ' AND #sk BETWEEN :from AND :to';
    }
    const result = await this.send<QueryCommandOutput>(
      new QueryCommand({
        TableName: this.name,
        IndexName: spec.index,
        KeyConditionExpression: expression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: marshall(values),
        Limit: spec.limit,
        ExclusiveStartKey: spec.startKey ? marshall(spec.startKey) : undefined,
        ScanIndexForward: spec.forward ?? true,
      }),
      'read',
    );
    const items = (result.Items ?? []).map((raw) => unmarshall(raw) as Item);
    const lastKey = result.LastEvaluatedKey
      ? (unmarshall(result.LastEvaluatedKey) as CursorKey)
      : undefined;
    return lastKey ? { items, lastKey } : { items };
  }

  /**
   * Counts the items of a partition (of the table or an index) without returning them: a query
   * with `Select: COUNT`, one round trip for every megabyte the count reads (a caseload, a
   * municipality's young people: one or two). Never a scan.
   */
  async count(spec: Omit<QuerySpec, 'limit' | 'startKey' | 'forward'>): Promise<number> {
    const keyNames = spec.index
      ? { pk: `${spec.index}pk`, sk: `${spec.index}sk` }
      : { pk: 'pk', sk: 'sk' };
    const names: Record<string, string> = { '#pk': keyNames.pk };
    const values: Record<string, unknown> = { ':pk': spec.partition };
    let expression = '#pk = :pk';
    if (spec.beginsWith !== undefined) {
      names['#sk'] = keyNames.sk;
      values[':prefix'] = spec.beginsWith;
      expression += ' AND begins_with(#sk, :prefix)';
    }
    let total = 0;
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const result: QueryCommandOutput = await this.send<QueryCommandOutput>(
        new QueryCommand({
          TableName: this.name,
          IndexName: spec.index,
          KeyConditionExpression: expression,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: marshall(values),
          Select: 'COUNT',
          ExclusiveStartKey: startKey as Record<string, AttributeValue> | undefined,
        }),
        'read',
      );
      total += result.Count ?? 0;
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return total;
  }

  /**
   * Reads a whole partition, page by page. Only for partitions that are small by design
   * (one item collection, one municipality's team); listings use {@link Table.query} with a limit.
   */
  async queryAll(spec: Omit<QuerySpec, 'limit' | 'startKey'>): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: CursorKey | undefined;
    do {
      const page = await this.query({ ...spec, ...(startKey ? { startKey } : {}) });
      items.push(...page.items);
      startKey = page.lastKey;
    } while (startKey);
    return items;
  }

  /** Writes an item if the condition holds; otherwise throws {@link ConditionFailedError}. */
  async put(item: Item, condition?: Condition): Promise<void> {
    await this.conditional(() =>
      this.send(
        new PutItemCommand({
          TableName: this.name,
          Item: marshall(item, { removeUndefinedValues: true }),
          ...renderCondition(condition),
        }),
        'write',
      ),
    );
  }

  /** Updates an item if the condition holds and returns the item as it is afterwards. */
  async update(itemKey: ItemKey, spec: UpdateSpec, condition?: Condition): Promise<Item> {
    const result = await this.conditional(() =>
      this.send<UpdateItemCommandOutput>(
        new UpdateItemCommand({
          TableName: this.name,
          Key: marshall(itemKey),
          ...renderUpdate(spec, condition),
          ReturnValues: 'ALL_NEW',
        }),
        'write',
      ),
    );
    return unmarshall(result.Attributes ?? {}) as Item;
  }

  /**
   * Writes several items atomically: all actions happen or none does. A failed condition
   * throws {@link ConditionFailedError} with the reason of each action; a concurrent
   * transaction on the same items {@link TransactionConflictError}.
   *
   * Every call carries a client request token, so that the SDK's own retry of a transaction
   * whose answer was lost (a dropped connection, a 500 after the commit) is recognised by
   * DynamoDB as the same transaction and succeeds, instead of failing on the conditions that
   * its first, committed attempt made false.
   *
   * @param actions - at most 100, no two on the same item
   * @param clientRequestToken - the token; a new one for every call unless given
   */
  async transact(
    actions: readonly TransactAction[],
    clientRequestToken: string = randomUUID(),
  ): Promise<void> {
    if (actions.length === 0) return;
    if (actions.length > 100) throw new Error('A transaction holds at most 100 actions');
    try {
      await this.send(
        new TransactWriteItemsCommand({
          TransactItems: actions.map((action) => this.toTransactItem(action)),
          ClientRequestToken: clientRequestToken,
        }),
        'write',
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = (error.CancellationReasons ?? []).map((r) => r.Code);
        if (reasons.some((code) => code === 'ConditionalCheckFailed')) {
          throw new ConditionFailedError(reasons);
        }
        if (reasons.some((code) => code === 'TransactionConflict')) {
          throw new TransactionConflictError();
        }
        throw failureOf(error, 'write', reasons);
      }
      throw error;
    }
  }

  /**
   * Writes items without conditions, 25 a call, retrying unprocessed ones. For loading
   * (seeding, maintenance), never for request paths that must keep invariants.
   *
   * A put without a condition writes the same item however often it is sent, so a batch whose
   * answer was lost or that met a busy table is sent again rather than failing the load.
   */
  async putMany(items: readonly Item[]): Promise<void> {
    for (let start = 0; start < items.length; start += BATCH_WRITE_LIMIT) {
      let pending = items.slice(start, start + BATCH_WRITE_LIMIT).map((item) => ({
        PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) },
      }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > MAX_RETRIES)
          throw new Error('BatchWriteItem kept returning unprocessed items');
        if (attempt > 0) await backoff(attempt);
        try {
          const result = await this.send<BatchWriteItemCommandOutput>(
            new BatchWriteItemCommand({ RequestItems: { [this.name]: pending } }),
            'write',
          );
          pending = (result.UnprocessedItems?.[this.name] ?? []) as typeof pending;
        } catch (error) {
          if (!isRetryableFailure(error) || attempt >= MAX_RETRIES) throw error;
        }
      }
    }
  }

  private toTransactItem(action: TransactAction): TransactWriteItem {
    const TableName = this.name;
    if ('put' in action) {
      return {
        Put: {
          TableName,
          Item: marshall(action.put, { removeUndefinedValues: true }),
          ...renderCondition(action.condition),
        },
      };
    }
    if ('update' in action) {
      const { UpdateExpression = '', ...rest } = renderUpdate(action.spec, action.condition);
      return { Update: { TableName, Key: marshall(action.update), UpdateExpression, ...rest } };
    }
    if ('delete' in action) {
      return {
        Delete: { TableName, Key: marshall(action.delete), ...renderCondition(action.condition) },
      };
    }
    const { ConditionExpression = '', ...rest } = renderCondition(action.condition);
    return {
      ConditionCheck: { TableName, Key: marshall(action.check), ConditionExpression, ...rest },
    };
  }

  private async conditional<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConditionFailedError();
      throw error;
    }
  }

  /**
   * Sends one command within the deadline. A failure of the table itself (throttled past the
   * SDK's retries, unavailable, out of time) becomes the typed error a client can act on; a
   * refusal of the request (a condition, a transaction cancelled) passes as it came.
   */
  private async send<Output>(command: object, effect: CallEffect): Promise<Output> {
    refuseAfterDeadline(this.deadline);
    const abortSignal = this.deadline.signal();
    // One signature for every command: the client's overloads are per command type.
    const send = this.client.send.bind(this.client) as (
      command: object,
      options: { abortSignal?: AbortSignal },
    ) => Promise<unknown>;
    try {
      return (await send(command, abortSignal ? { abortSignal } : {})) as Output;
    } catch (error) {
      throw failureOf(error, effect);
    }
  }
}

/** Whether a failure left nothing changed or changed what a repeat would change again. */
function isRetryableFailure(error: unknown): boolean {
  return error instanceof OutcomeUnknownError || error instanceof TemporarilyUnavailableError;
}

/** Exponential backoff with full jitter, capped at about a second. */
function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(1000, 25 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
