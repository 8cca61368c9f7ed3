import type {
  ConstArgumentNode,
  GraphQLArgument,
  GraphQLField,
  GraphQLFieldResolver,
  GraphQLInputField,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLSchema,
} from 'graphql';
import { defaultFieldResolver } from 'graphql';
import type { SubgraphContext } from './context.ts';
import { BadUserInputError } from './errors.ts';
import { dataObjectTypes } from './field-rules.ts';
import { MAX_ID_LENGTH } from './validation.ts';

/**
 * Text that is text, in every string a client sends, declared once in the SDL.
 *
 * Every `String` input field and field argument of a subgraph carries
 * `@text(max: Int!, multiline: Boolean = false)` (a directive each subgraph defines for itself;
 * composition leaves it out of the supergraph, as it leaves out every directive not composed
 * on purpose). Before a field's resolver runs, {@link enforceTextInputs} walks its arguments,
 * through input objects and lists, and:
 *
 * - refuses control characters (C0, DEL, C1; so ESC and the ANSI escapes it starts), except a
 *   line feed and a tab where the field is `multiline`;
 * - turns a carriage return into a line feed where the field is `multiline` (`\r\n` and `\r`
 *   alike, so that stored text has one kind of line break), and refuses it elsewhere;
 * - refuses bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make text
 *   read differently from what it holds, and lone surrogates, which are not text at all;
 * - normalises to NFC, then refuses more than `max` characters (code points, after NFC);
 * - holds every `ID` to the same hygiene, single-line, and to `MAX_ID_LENGTH` (64), without a
 *   directive: an id is never free text.
 *
 * A refusal is one `BAD_USER_INPUT` naming the path of each bad value from the field's
 * arguments (`input.contacts.0.name`) and never the value itself; the resolver does not run, so
 * nothing is written. A `String` input without the directive stops the server from being built
 * ({@link stringInputsWithoutLimit} names them; a unit test walks every subgraph's schema).
 */

/** The directive's name in every subgraph's SDL. */
export const TEXT_DIRECTIVE = 'text';

/** What `@text` says of one input: its most characters, and whether it may hold line breaks. */
export interface TextLimit {
  readonly max: number;
  readonly multiline: boolean;
}

const ID_LIMIT: TextLimit = { max: MAX_ID_LENGTH, multiline: false };

// Cc is exactly C0, DEL and C1; ESC (and so every ANSI escape sequence) is one of them.
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_LINES = /(?![\t\n])\p{Cc}/u;
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
// In a unicode-mode pattern a well-formed pair is one code point: only a lone half matches.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Checks and normalises one string a client sent.
 *
 * @param value - the string as it arrived
 * @param limit - the input's limit
 * @returns the string to hand on (NFC; line breaks as `\n` where multiline), or the reason it is
 *   refused
 */
export function cleanText(
  value: string,
  limit: TextLimit,
): { ok: true; value: string } | { ok: false; message: string } {
  if (LONE_SURROGATE.test(value)) return { ok: false, message: 'must not contain lone surrogates' };
  const lines = limit.multiline ? value.replace(/\r\n?/g, '\n') : value;
  if ((limit.multiline ? CONTROL_BUT_LINES : CONTROL).test(lines)) {
    return {
      ok: false,
      message: limit.multiline
        ? 'must not contain control characters or escape sequences (line breaks and tabs are allowed)'
        : 'must not contain control characters, escape sequences, line breaks or tabs',
    };
  }
  if (BIDI_CONTROL.test(lines)) {
    return { ok: false, message: 'must not contain bidirectional override or isolate characters' };
  }
  const normal = lines.normalize('NFC');
  if (characterCount(normal) > limit.max) {
    return { ok: false, message: `must be at most ${limit.max} characters` };
  }
  return { ok: true, value: normal };
}

/**
 * How many characters a string holds, as limits count them: code points, so that a letter
 * outside the Basic Multilingual Plane (an emoji) counts once, as a person would count it.
 *
 * @param value - a well-formed string
 */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

/** One bad value: where, and what is wrong with it. */
interface Issue {
  path: string;
  message: string;
}

/** Checks one argument's value, returning it cleaned; pushes an issue for every bad string. */
type Cleaner = (value: unknown, path: string, issues: Issue[]) => unknown;

/** A tag's name, told without `instanceof` (the schema may come from graphql's other build). */
function kindOf(type: unknown): string {
  return Object.prototype.toString.call(type).slice(8, -1);
}

/** An input field's or argument's `@text`, read from the SDL it was built from. */
export function textLimitOf(input: GraphQLArgument | GraphQLInputField): TextLimit | undefined {
  const directive = input.astNode?.directives?.find((d) => d.name.value === TEXT_DIRECTIVE);
  if (!directive) return undefined;
  const argument = (name: string): ConstArgumentNode | undefined =>
    directive.arguments?.find((a) => a.name.value === name);
  const max = argument('max')?.value;
  const multiline = argument('multiline')?.value;
  const limit = {
    max: max?.kind === 'IntValue' ? Number(max.value) : Number.NaN,
    multiline: multiline?.kind === 'BooleanValue' ? multiline.value : false,
  };
  if (!Number.isInteger(limit.max) || limit.max < 1) {
    throw new Error(`${input.name}: @text(max) must be a whole number of at least 1`);
  }
  return limit;
}

/** The named type under any non-null and list wrappers. */
function namedTypeOf(type: GraphQLInputType): GraphQLInputType {
  let named: GraphQLInputType = type;
  while (kindOf(named) === 'GraphQLNonNull' || kindOf(named) === 'GraphQLList') {
    named = (named as { ofType: GraphQLInputType }).ofType;
  }
  return named;
}

/**
 * Builds the cleaners of one schema, once: per input object type, and for a field's arguments.
 * A type that holds no string gets no cleaner, so most fields cost nothing per request.
 */
class CleanerBuilder {
  private readonly objects = new Map<string, Cleaner | null>();
  readonly missing: string[] = [];

  /**
   * The cleaner of one input (an argument or an input field) of a type, or null when it can
   * hold no string.
   *
   * @param type - the input's type
   * @param where - `Type.field(arg)` or `Input.field`, for the missing-directive list
   * @param limit - the input's `@text`, if any
   */
  forInput(type: GraphQLInputType, where: string, limit: TextLimit | undefined): Cleaner | null {
    const named = namedTypeOf(type);
    let leaf: Cleaner | null = null;
    if (kindOf(named) === 'GraphQLInputObjectType') {
      leaf = this.forObject(named as GraphQLInputObjectType);
    } else if (kindOf(named) === 'GraphQLScalarType') {
      const name = (named as { name: string }).name;
      if (name === 'ID') leaf = stringCleaner(limit ?? ID_LIMIT);
      if (name === 'String') {
        if (!limit) this.missing.push(where);
        leaf = stringCleaner(limit ?? { max: 0, multiline: false });
      }
    }
    return leaf && wrapLists(type, leaf);
  }

  private forObject(type: GraphQLInputObjectType): Cleaner | null {
    if (this.objects.has(type.name)) return this.objects.get(type.name) ?? null;
    // A recursive input type meets itself while being built: it is a cleaner to call later.
    let built: Cleaner | null = null;
    this.objects.set(type.name, (value, path, issues) => built?.(value, path, issues) ?? value);
    const fields = Object.values(type.getFields()).flatMap((field) => {
      const cleaner = this.forInput(field.type, `${type.name}.${field.name}`, textLimitOf(field));
      return cleaner ? [{ name: field.name, cleaner }] : [];
    });
    built =
      fields.length === 0
        ? null
        : (value, path, issues) => {
            if (value === null || typeof value !== 'object') return value;
            const cleaned: Record<string, unknown> = { ...(value as Record<string, unknown>) };
            for (const { name, cleaner } of fields) {
              if (cleaned[name] === undefined) continue;
              cleaned[name] = cleaner(cleaned[name], `${path}.${name}`, issues);
            }
            return cleaned;
          };
    this.objects.set(type.name, built);
    return built;
  }
}

function stringCleaner(limit: TextLimit): Cleaner {
  return (value, path, issues) => {
    if (typeof value !== 'string') return value;
    const result = cleanText(value, limit);
    if (result.ok) return result.value;
    issues.push({ path, message: result.message });
    return value;
  };
}

/** Applies a leaf's cleaner through the list wrappers of a type, element by element. */
function wrapLists(type: GraphQLInputType, leaf: Cleaner): Cleaner {
  const kind = kindOf(type);
  if (kind === 'GraphQLNonNull') {
    return wrapLists((type as { ofType: GraphQLInputType }).ofType, leaf);
  }
  if (kind !== 'GraphQLList') return leaf;
  const element = wrapLists((type as { ofType: GraphQLInputType }).ofType, leaf);
  return (value, path, issues) =>
    Array.isArray(value)
      ? value.map((item, index) => element(item, `${path}.${index}`, issues))
      : element(value, path, issues);
}

/** The cleaners of one field's arguments, or null when none can hold a string. */
function argumentCleaners(
  builder: CleanerBuilder,
  typeName: string,
  field: GraphQLField<unknown, unknown>,
): Array<{ name: string; cleaner: Cleaner }> | null {
  const cleaners = field.args.flatMap((arg) => {
    const where = `${typeName}.${field.name}(${arg.name})`;
    const cleaner = builder.forInput(arg.type, where, textLimitOf(arg));
    return cleaner ? [{ name: arg.name, cleaner }] : [];
  });
  return cleaners.length > 0 ? cleaners : null;
}

/**
 * Every `String` input field and field argument of a schema without `@text`: `Input.field` or
 * `Type.field(argument)`. Reached from a field, so input types no field uses are not counted.
 *
 * @param schema - a subgraph's schema
 */
export function stringInputsWithoutLimit(schema: GraphQLSchema): string[] {
  const builder = new CleanerBuilder();
  for (const type of dataObjectTypes(schema)) {
    for (const field of Object.values(type.getFields()))
      argumentCleaners(builder, type.name, field);
  }
  return [...new Set(builder.missing)];
}

/**
 * Wraps the resolver of every field that takes a string (an `ID`, a `String`, an input object
 * holding one) so that its arguments are checked and normalised before it runs (see the module
 * comment). Call it before {@link enforceFieldRules}, so that a field's rule is checked first and
 * an unauthorised caller is refused (and audited) as such, whatever the text.
 *
 * @param schema - the subgraph's schema, built from SDL and resolvers
 * @throws Error naming every `String` input without `@text`: the server is not built without one
 */
export function enforceTextInputs(schema: GraphQLSchema): void {
  const builder = new CleanerBuilder();
  for (const type of dataObjectTypes(schema)) {
    for (const field of Object.values(type.getFields())) {
      const cleaners = argumentCleaners(builder, type.name, field);
      if (!cleaners) continue;
      field.resolve = cleanArguments(cleaners, field.resolve ?? defaultFieldResolver);
    }
  }
  if (builder.missing.length > 0) {
    throw new Error(
      `String inputs without @text(max): ${[...new Set(builder.missing)].join(', ')}`,
    );
  }
}

function cleanArguments(
  cleaners: Array<{ name: string; cleaner: Cleaner }>,
  // biome-ignore lint/suspicious/noExplicitAny: resolvers of every type
  resolve: GraphQLFieldResolver<any, SubgraphContext>,
): GraphQLFieldResolver<unknown, SubgraphContext> {
  return (parent, args, context, info) => {
    const issues: Issue[] = [];
    const cleaned: Record<string, unknown> = { ...args };
    for (const { name, cleaner } of cleaners) {
      if (cleaned[name] === undefined) continue;
      cleaned[name] = cleaner(cleaned[name], name, issues);
    }
    if (issues.length > 0) {
      const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
      throw new BadUserInputError(`Invalid input: ${summary}`, issues);
    }
    return resolve(parent, cleaned, context, info);
  };
}
