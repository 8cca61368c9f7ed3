import type { AuditEvent } from './audit.ts';
import type { Entity } from './entity.ts';
import type { ItemKey } from './keys.ts';
import { type MonthCounterChange, monthCounterAttributes } from './month-counters.ts';
import {
  allOf,
  type Condition,
  itemMustNotExist,
  type UpdateSpec,
  versionIs,
} from './table/expressions.ts';
import type { Item, TransactAction } from './table/table.ts';

/** A value stored with a version for optimistic locking. */
export interface Versioned {
  version: number;
}

/** What a transaction holds at most. */
export const MAX_TRANSACTION_ACTIONS = 100;

/**
 * What one command may stage at most: a transaction's 100 actions less the command's own
 * `CHANGE` audit record and its idempotency record. The slot of the idempotency record is kept
 * whether or not the client sent a key, so that no change works without a key and fails with
 * one. A command that can grow (an attendance list) sizes itself by this.
 */
export const MAX_COMMAND_ACTIONS = MAX_TRANSACTION_ACTIONS - 2;

const keyId = (itemKey: ItemKey) => `${itemKey.pk}\u0000${itemKey.sk}`;

function keyOf(action: TransactAction): ItemKey {
  if ('put' in action) return { pk: action.put.pk, sk: action.put.sk };
  if ('update' in action) return action.update;
  if ('delete' in action) return action.delete;
  return action.check;
}

interface CounterChange {
  itemKey: ItemKey;
  set: Record<string, string>;
  add: Record<string, number>;
}

/**
 * Everything one command writes, collected while it decides and committed as one DynamoDB
 * transaction by the kernel (`command.ts`): the entities it creates and changes, the guards and
 * checks its repositories add, the counter deltas of the figures it moves (several deltas to one
 * counter item become one `ADD`), its `CHANGE` audit events and, when the client sent one, its
 * idempotency record. All of it commits, or none of it does.
 *
 * The domain never builds a DynamoDB expression: entities know their items, repositories know
 * their conditions, and this collects what they hand it.
 */
export class UnitOfWork {
  private readonly actions = new Map<string, TransactAction>();
  private readonly counters = new Map<string, CounterChange>();
  private readonly events: AuditEvent[] = [];
  private readonly followUps: Array<() => Promise<void>> = [];

  /**
   * Creates an item that must not exist yet.
   *
   * @param entity - its entity
   * @param value - the value to store
   * @returns the value
   */
  create<T>(entity: Entity<T>, value: T): T {
    this.add({ put: entity.toItem(value), condition: itemMustNotExist });
    return value;
  }

  /**
   * Replaces a versioned item with a new value if it is still at the version read; the stored
   * value's version is one more.
   *
   * @param entity - its entity
   * @param before - the value as read
   * @param after - the value as it is to be (its version is set here)
   * @param condition - a further condition on the item as it is
   * @returns the value as stored
   */
  replace<T extends Versioned>(entity: Entity<T>, before: T, after: T, condition?: Condition): T {
    const stored = { ...after, version: before.version + 1 };
    const versioned = versionIs(before.version);
    this.add({
      put: entity.toItem(stored),
      condition: condition ? allOf(versioned, condition) : versioned,
    });
    return stored;
  }

  /**
   * Changes some attributes of a versioned item if it is still at the version read, keeping
   * every other attribute (those the value does not hold, such as an encrypted field). Index
   * keys follow the changed value; an attribute changed to undefined is removed.
   *
   * @param entity - its entity
   * @param before - the value as read
   * @param changes - the attributes that change
   * @param extra - further stored attributes to set (not part of the value)
   * @returns the value as stored
   */
  change<T extends Versioned>(
    entity: Entity<T>,
    before: T,
    changes: Partial<T>,
    extra: Record<string, unknown> = {},
  ): T {
    const after = { ...before, ...changes, version: before.version + 1 } as T;
    const set: Record<string, unknown> = { ...extra };
    const remove: string[] = [];
    const place = (name: string, value: unknown) => {
      if (value === undefined) remove.push(name);
      else set[name] = value;
    };
    for (const [name, value] of Object.entries(changes)) {
      if (name !== 'version') place(name, value);
    }
    for (const [name, value] of Object.entries(entity.indexAttributes(after))) place(name, value);
    for (const [name, value] of Object.entries(entity.extra?.(after) ?? {})) {
      if (!(name in set)) place(name, value);
    }
    this.add({
      update: entity.key(before),
      spec: { set, add: { version: 1 }, ...(remove.length ? { remove } : {}) },
      condition: versionIs(before.version),
    });
    return after;
  }

  /**
   * Adds actions a repository built: a guard's conditional update, a check that another
   * record still holds, a link, a deletion.
   *
   * @param actions - at most one per item in the whole unit
   */
  add(...actions: TransactAction[]): void {
    for (const action of actions) {
      const id = keyId(keyOf(action));
      if (this.actions.has(id) || this.counters.has(id)) {
        throw new Error(`One transaction may touch an item once: ${keyOf(action).pk}`);
      }
      this.actions.set(id, action);
    }
  }

  /**
   * Adds to a counter item's counts and month counters. Several deltas to the same item add up
   * to one update (a transaction touches an item once); a counter that ends at zero change is
   * left out.
   *
   * @param itemKey - the counter item
   * @param names - attributes that name the item (`entity`, `municipalityCode`)
   * @param counts - what to add to the item's own counts
   * @param months - what to add to its month counters
   */
  count(
    itemKey: ItemKey,
    names: Readonly<Record<string, string>>,
    counts: Readonly<Record<string, number>>,
    months: readonly MonthCounterChange[] = [],
  ): void {
    const id = keyId(itemKey);
    if (this.actions.has(id)) throw new Error(`A counter item is also written: ${itemKey.pk}`);
    const change = this.counters.get(id) ?? { itemKey, set: {}, add: {} };
    Object.assign(change.set, names);
    const deltas = { ...counts, ...monthCounterAttributes(months) };
    for (const [name, by] of Object.entries(deltas)) {
      change.add[name] = (change.add[name] ?? 0) + by;
    }
    this.counters.set(id, change);
  }

  /** Records a `CHANGE` (or `EXPORT`, `ERASURE`) event, written in the same transaction. */
  audit(event: AuditEvent): void {
    this.events.push({ ...event });
  }

  /**
   * Runs once the transaction committed (starting a workflow, telling one it may go on). A
   * failure there is logged, never undoes the change, and is repaired by whatever watches for
   * it (the lifecycle reconciler).
   */
  afterCommit(followUp: () => Promise<void>): void {
    this.followUps.push(followUp);
  }

  /** The audit events staged so far. */
  get auditEvents(): readonly AuditEvent[] {
    return this.events;
  }

  /** Whether the unit writes anything besides its audit events. */
  get writesNothing(): boolean {
    return this.actions.size === 0 && this.counterActions().length === 0;
  }

  /**
   * The transaction: the staged actions, one update per counter item, and the given audit
   * items.
   *
   * @param auditItems - the stored items of the audit events
   * @param reserved - further actions the caller adds afterwards (the idempotency record)
   */
  transaction(auditItems: readonly Item[], reserved = 0): TransactAction[] {
    const actions: TransactAction[] = [
      ...this.actions.values(),
      ...this.counterActions(),
      ...auditItems.map((put) => ({ put, condition: itemMustNotExist })),
    ];
    if (actions.length + reserved > MAX_TRANSACTION_ACTIONS) {
      throw new Error(
        `A change of ${actions.length + reserved} actions; one transaction holds ${MAX_TRANSACTION_ACTIONS}`,
      );
    }
    return actions;
  }

  /**
   * What the unit writes, for the request's loader to forget once it committed: the keys of
   * every item it changes, and the whole items it puts (which the loader may keep as written).
   */
  written(): { keys: ItemKey[]; items: Item[] } {
    const keys: ItemKey[] = [];
    const items: Item[] = [];
    for (const action of this.actions.values()) {
      if ('check' in action) continue;
      if ('put' in action) items.push(action.put);
      else keys.push(keyOf(action));
    }
    for (const { itemKey } of this.counters.values()) keys.push(itemKey);
    return { keys, items };
  }

  /** How many actions are staged so far (counter items counted once each). */
  get size(): number {
    return this.actions.size + this.counterActions().length;
  }

  /** The follow-ups to run after the commit, in the order they were added. */
  get afterCommitFollowUps(): ReadonlyArray<() => Promise<void>> {
    return this.followUps;
  }

  private counterActions(): TransactAction[] {
    const actions: TransactAction[] = [];
    for (const { itemKey, set, add } of this.counters.values()) {
      const nonZero = Object.fromEntries(Object.entries(add).filter(([, n]) => n !== 0));
      if (Object.keys(nonZero).length === 0) continue;
      const spec: UpdateSpec = { set: { ...set }, add: nonZero };
      actions.push({ update: itemKey, spec });
    }
    return actions;
  }
}
