import type { GraphQLArgument } from 'graphql';
import type { SubgraphContext } from './context.ts';
import type { AnyFieldRule, RuleArgs } from './field-rules.ts';
import type { Identity } from './identity.ts';
import { newId } from './keys.ts';

/**
 * Existence oracles (#18, class 7). A root field whose rule refuses the record its arguments
 * name would tell a stranger that the record exists, where an id of nothing is let through to
 * the resolver (`null`, `NOT_FOUND`, a payload's `…_NOT_FOUND`). So when the rule refuses, the
 * kernel asks it again with that id replaced by an id of nothing: if the rule lets that call
 * through, the caller is a stranger to the record and gets the answer of that call — made by the
 * same resolver or command, so alike by construction, not by a second copy of each message —
 * while the attempt is audited as `REFUSED`. A caller the rule refuses whatever the id (a role
 * that may never do it) keeps `FORBIDDEN`, which tells nothing about the id.
 */

/** Where an `ID` sits in a field's arguments: `[argument]` or `[argument, inputField]`. */
export type IdSite = readonly [string] | readonly [string, string];

/**
 * Whether an `ID` argument or input field names a record whose existence is kept from strangers:
 * not an idempotency key, and not a municipality's code (`municipalityCode`, `code`: public,
 * and an id of nothing in its place would be malformed, answered `BAD_USER_INPUT`).
 */
function namesHiddenRecord(name: string): boolean {
  return name !== 'idempotencyKey' && !/(^c|C)ode$/.test(name);
}

/** The named type of a (possibly wrapped) input type, and whether a list wrapped it. */
function unwrap(type: unknown): { named: unknown; list: boolean } {
  let current = type as { ofType?: unknown };
  let list = false;
  while (current.ofType) {
    if (Object.prototype.toString.call(current) === '[object GraphQLList]') list = true;
    current = current.ofType as { ofType?: unknown };
  }
  return { named: current, list };
}

function isIdScalar(type: unknown): boolean {
  return (type as { name?: unknown }).name === 'ID';
}

/**
 * The single `ID`s of a field's arguments and of its input objects' own fields, in schema
 * order (lists of ids are left out: each of their records is checked by the command).
 *
 * @param args - the field's arguments, from the schema
 */
export function idSitesOf(args: readonly GraphQLArgument[]): IdSite[] {
  const sites: IdSite[] = [];
  for (const arg of args) {
    const { named, list } = unwrap(arg.type);
    if (list) continue;
    if (isIdScalar(named)) {
      if (namesHiddenRecord(arg.name)) sites.push([arg.name]);
      continue;
    }
    const fields = (named as { getFields?: () => Record<string, { type: unknown }> }).getFields;
    if (Object.prototype.toString.call(named) !== '[object GraphQLInputObjectType]' || !fields) {
      continue;
    }
    for (const [name, field] of Object.entries(fields.call(named))) {
      const inner = unwrap(field.type);
      if (!inner.list && isIdScalar(inner.named) && namesHiddenRecord(name)) {
        sites.push([arg.name, name]);
      }
    }
  }
  return sites;
}

/** The value at a site, when it is a string. */
function valueAt(args: RuleArgs, site: IdSite): string | undefined {
  const [argument, field] = site;
  const value =
    field === undefined
      ? args[argument]
      : (args[argument] as Record<string, unknown> | null | undefined)?.[field];
  return typeof value === 'string' ? value : undefined;
}

/** The arguments with the value at a site replaced (copies along the path, the rest shared). */
function withValueAt(args: RuleArgs, site: IdSite, value: string): RuleArgs {
  const [argument, field] = site;
  if (field === undefined) return { ...args, [argument]: value };
  const input = args[argument] as Record<string, unknown>;
  return { ...args, [argument]: { ...input, [field]: value } };
}

/** Arguments that name no record where the caller's named one, and which id stands in for which. */
export interface StandIn {
  args: RuleArgs;
  /** Each id of nothing put in, to the id the caller sent. */
  sent: ReadonlyMap<string, string>;
}

/**
 * The arguments a stranger's call is answered as: the caller's, with the first id whose
 * replacement by an id of nothing the rule lets through (or, failing each alone, all of them)
 * replaced. Undefined when the rule refuses those too: the caller is refused whatever the ids.
 *
 * @param rule - the field's rule, which refused the caller's arguments
 * @param call - the caller, the parent, the request and the arguments as sent
 * @param sites - where the field's arguments hold ids
 */
export async function standInFor(
  rule: AnyFieldRule,
  call: { identity: Identity; parent: unknown; context: SubgraphContext; args: RuleArgs },
  sites: readonly IdSite[],
): Promise<StandIn | undefined> {
  const named = sites.filter((site) => valueAt(call.args, site) !== undefined);
  const allows = (args: RuleArgs) =>
    Promise.resolve(rule.allows(call.identity, call.parent as never, call.context, args));
  const candidates = named.length > 1 ? [...named.map((site) => [site]), named] : [named];
  for (const replaced of candidates) {
    if (replaced.length === 0) continue;
    let args = call.args;
    const sent = new Map<string, string>();
    for (const site of replaced) {
      const nothing = newId(call.context.now().getTime());
      sent.set(nothing, valueAt(call.args, site) as string);
      args = withValueAt(args, site, nothing);
    }
    if (await allows(args)) return { args, sent };
  }
  return undefined;
}

/**
 * An answer given for stand-in ids, with each of them put back to the id the caller sent
 * (an error's message, a payload's user errors, an erasure's `youthId`), so that the answer
 * names only what the caller named. Plain objects and arrays are copied where they change;
 * records of other classes are left as they are (an id of nothing loads none).
 *
 * @param value - the resolver's answer, or the error it threw
 * @param sent - each stand-in id to the id the caller sent
 */
export function restoreSentIds<T>(value: T, sent: ReadonlyMap<string, string>): T {
  const restoreText = (text: string) => {
    let out = text;
    for (const [nothing, original] of sent) out = out.split(nothing).join(original);
    return out;
  };
  const walk = (current: unknown, depth: number): unknown => {
    if (typeof current === 'string') return restoreText(current);
    if (depth > 8 || typeof current !== 'object' || current === null) return current;
    if (current instanceof Error) {
      current.message = restoreText(current.message);
      return current;
    }
    if (Array.isArray(current)) return current.map((item) => walk(item, depth + 1));
    if (Object.getPrototypeOf(current) !== Object.prototype) return current;
    return Object.fromEntries(
      Object.entries(current).map(([key, item]) => [key, walk(item, depth + 1)]),
    );
  };
  return walk(value, 0) as T;
}
