import {
  type GraphQLInputObjectType,
  type GraphQLInputType,
  getNullableType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from 'graphql';

/** A path into an input value: field names and list indexes. */
export type InputPath = ReadonlyArray<string | number>;

/** One place in a mutation's input where a generated value can go. */
export interface InputSite {
  path: InputPath;
  /** The type at the place, with its wrappers (`String!`, `[ID!]`). */
  type: GraphQLInputType;
  /** The field's name (a list element: its list's). */
  field: string;
  /** Non-null without a default: leaving it out is a mistake. */
  required: boolean;
}

/** Input objects here nest two or three deep; the bound only guards a recursive type. */
const MAX_DEPTH = 6;

/**
 * Every place of an input type, depth first: each field, each list's first element, and the
 * fields of nested input objects (also those the valid input leaves out).
 *
 * @param type - the mutation's input type
 */
export function inputSites(type: GraphQLInputObjectType, prefix: InputPath = []): InputSite[] {
  if (prefix.length > MAX_DEPTH) return [];
  const sites: InputSite[] = [];
  for (const field of Object.values(type.getFields())) {
    const path = [...prefix, field.name];
    const required = isNonNullType(field.type) && field.defaultValue === undefined;
    sites.push({ path, type: field.type, field: field.name, required });
    const nullable = getNullableType(field.type);
    if (isListType(nullable)) {
      const element: GraphQLInputType = nullable.ofType;
      sites.push({ path: [...path, 0], type: element, field: field.name, required: false });
      const named = getNullableType(element);
      if (isInputObjectType(named)) sites.push(...inputSites(named, [...path, 0]));
    } else if (isInputObjectType(nullable)) {
      sites.push(...inputSites(nullable, path));
    }
  }
  return sites;
}

/** The type found at a path of an input type. */
export function typeAt(type: GraphQLInputType, path: InputPath): GraphQLInputType {
  let current: GraphQLInputType = type;
  for (const step of path) {
    const nullable = getNullableType(current);
    if (typeof step === 'number' && isListType(nullable)) current = nullable.ofType;
    else if (typeof step === 'string' && isInputObjectType(nullable)) {
      const field = nullable.getFields()[step];
      if (!field) throw new Error(`No field ${step} on ${nullable.name}`);
      current = field.type;
    } else throw new Error(`No ${String(step)} in ${String(current)}`);
  }
  return current;
}

/**
 * A copy of an input with one value put at a path. A container on the way that the input left
 * out (an optional object or list) is made valid first, by `fill`.
 *
 * @param input - the valid input
 * @param inputType - its type
 * @param path - where the value goes
 * @param value - the value
 * @param fill - a valid value of a type (the valid input's builder)
 */
export function withValueAt(
  input: Record<string, unknown>,
  inputType: GraphQLInputObjectType,
  path: InputPath,
  value: unknown,
  fill: (type: GraphQLInputType) => unknown,
): Record<string, unknown> {
  const copy = structuredClone(input);
  let container: Record<string | number, unknown> = copy;
  for (const [index, step] of path.entries()) {
    if (index === path.length - 1) {
      container[step] = value;
      break;
    }
    if (container[step] === undefined || container[step] === null) {
      container[step] = fill(getNullableType(typeAt(inputType, path.slice(0, index + 1))));
    }
    container = container[step] as Record<string | number, unknown>;
  }
  return copy;
}

/** A copy of an input without the field at a path. */
export function withoutFieldAt(
  input: Record<string, unknown>,
  path: InputPath,
): Record<string, unknown> {
  const copy = structuredClone(input);
  let container: Record<string | number, unknown> | undefined = copy;
  for (const step of path.slice(0, -1)) {
    container = container?.[step] as Record<string | number, unknown> | undefined;
  }
  if (container) delete container[path[path.length - 1] as string | number];
  return copy;
}
