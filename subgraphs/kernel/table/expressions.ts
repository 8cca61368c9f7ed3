import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { runtimeSdk } from '../runtime-sdk.ts';

const { marshall } = runtimeSdk('@aws-sdk/util-dynamodb');

/** A condition in DynamoDB's expression language, with its names and values kept apart. */
export interface Condition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/**
 * An update of one item: attributes to set, counters to add to (or strings to add to a string
 * set, which DynamoDB creates with the item when absent), attributes to remove.
 */
export interface UpdateSpec {
  set?: Record<string, unknown>;
  add?: Record<string, number | ReadonlySet<string>>;
  /** Strings to take out of a string set (DynamoDB removes the set when it ends empty). */
  delete?: Record<string, ReadonlySet<string>>;
  remove?: string[];
}

/** The item must not exist yet (creation). */
export const itemMustNotExist: Condition = { expression: 'attribute_not_exists(pk)' };

/** The item must exist (update of something that is there). */
export const itemMustExist: Condition = { expression: 'attribute_exists(pk)' };

/**
 * The item's version must still be the one the caller read: optimistic locking, so that of
 * two concurrent writers exactly one wins and the other gets a conflict.
 *
 * @param expected - the version the caller read
 */
export function versionIs(expected: number): Condition {
  return {
    expression: '#version = :expectedVersion',
    names: { '#version': 'version' },
    values: { ':expectedVersion': expected },
  };
}

/**
 * Each named number attribute must still hold the value the caller read, so that a change that
 * adds a delta is made only on the values it was computed from (a maintenance fix, a
 * migration's fold) and a live write in between fails it instead of being undone. A read zero
 * is matched by an absent attribute too: counters start absent.
 *
 * @param read - each attribute's name and the value read
 */
export function countersHold(read: Readonly<Record<string, number>>): Condition {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const clauses = Object.entries(read).map(([counter, value], n) => {
    names[`#held${n}`] = counter;
    values[`:held${n}`] = value;
    const equal = `#held${n} = :held${n}`;
    return value === 0 ? `(attribute_not_exists(#held${n}) OR ${equal})` : equal;
  });
  if (clauses.length === 0)
    return { expression: 'attribute_exists(pk) OR attribute_not_exists(pk)' };
  return { expression: clauses.join(' AND '), names, values };
}

/** Both conditions must hold. */
export function allOf(...conditions: Condition[]): Condition {
  return conditions.reduce((a, b) => ({
    expression: `(${a.expression}) AND (${b.expression})`,
    names: { ...a.names, ...b.names },
    values: { ...a.values, ...b.values },
  }));
}

/** The parts of a DynamoDB request that an expression contributes. */
export interface RenderedExpression {
  UpdateExpression?: string;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
}

/**
 * Renders an update and an optional condition into request parameters, with placeholders for
 * every attribute name (so reserved words such as `status` or `name` are safe).
 */
export function renderUpdate(update: UpdateSpec, condition?: Condition): RenderedExpression {
  const names: Record<string, string> = { ...condition?.names };
  const values: Record<string, unknown> = { ...condition?.values };
  const clauses: string[] = [];
  let n = 0;
  const name = (attribute: string) => {
    const placeholder = `#u${n++}`;
    names[placeholder] = attribute;
    return placeholder;
  };
  const value = (v: unknown) => {
    const placeholder = `:u${n++}`;
    values[placeholder] = v;
    return placeholder;
  };
  const sets = Object.entries(update.set ?? {}).filter(([, v]) => v !== undefined);
  if (sets.length)
    clauses.push(`SET ${sets.map(([a, v]) => `${name(a)} = ${value(v)}`).join(', ')}`);
  const adds = Object.entries(update.add ?? {});
  if (adds.length) clauses.push(`ADD ${adds.map(([a, v]) => `${name(a)} ${value(v)}`).join(', ')}`);
  const deletes = Object.entries(update.delete ?? {});
  if (deletes.length) {
    clauses.push(`DELETE ${deletes.map(([a, v]) => `${name(a)} ${value(v)}`).join(', ')}`);
  }
  if (update.remove?.length) clauses.push(`REMOVE ${update.remove.map(name).join(', ')}`);
  return {
    UpdateExpression: clauses.join(' '),
    ...renderNamesAndValues(names, values),
    ...(condition ? { ConditionExpression: condition.expression } : {}),
  };
}

/** Renders a condition alone (puts, deletes, condition checks). */
export function renderCondition(condition?: Condition): RenderedExpression {
  if (!condition) return {};
  return {
    ConditionExpression: condition.expression,
    ...renderNamesAndValues({ ...condition.names }, { ...condition.values }),
  };
}

function renderNamesAndValues(
  names: Record<string, string>,
  values: Record<string, unknown>,
): RenderedExpression {
  return {
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length
      ? { ExpressionAttributeValues: marshall(values, { removeUndefinedValues: true }) }
      : {}),
  };
}
