import {
  type ArgumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  SchemaMetaFieldDef,
  type SelectionSetNode,
  TypeMetaFieldDef,
  type ValueNode,
} from 'graphql';
import type { QueryLimits } from './query-limits.ts';

/** Arguments that set the length of a list (Relay's `first`, and `last` should one appear). */
export const PAGE_SIZE_ARGUMENTS: ReadonlySet<string> = new Set(['first', 'last']);

/** Municipalities in Denmark: what a list of every municipality holds. */
export const MUNICIPALITIES_IN_DENMARK = 98;

/**
 * Types a field answers for every municipality at once: a list of `Municipality` holds 98 of
 * them, and one `ProgrammeStats` adds up 98 municipalities' figures in every subgraph. Their
 * selections are priced at that national scale, so each alias of a period costs what computing
 * it costs.
 */
export const NATIONAL_TYPES: ReadonlySet<string> = new Set(['Municipality', 'ProgrammeStats']);

/**
 * Lists whose length the schema fixes rather than the data: the figures' entries per follow-up
 * month or per kind. Priced at `assumedListSize` they would make the programme office's own
 * dashboard (every figure of 98 municipalities and the total) cost twice the limit.
 */
export const FIXED_LIST_SIZES: Readonly<Record<string, number | { valuesOf: string }>> = {
  /** 3, 6 and 12 months after enrolment. */
  'YouthStats.followUps': 3,
  /** 3 and 6 months after an education or job outcome. */
  'PlacementStats.retention': 2,
  /** One entry for every kind of outcome, zero included. */
  'PlacementStats.outcomesInPeriod': { valuesOf: 'PlacementOutcomeKind' },
  /** One entry per self-assessment item (`subgraphs/people/domain/self-assessment-items.ts`). */
  'DirectionStats.items': 5,
  /** One entry per side (young person, company) and occasion (midway, end). */
  'PlacementStats.feedback': 4,
  /** One entry per rating, 1 to 5. */
  'PlacementFeedbackStats.ratings': 5,
};

/** A list argument asking for more than the largest page. */
export interface OversizedPage {
  /** `Type.field`, e.g. `Municipality.youth`. */
  field: string;
  size: number;
}

/** What an operation would cost, and which of its pages are too large. */
export interface OperationAnalysis {
  cost: number;
  oversizedPages: OversizedPage[];
}

/**
 * Estimates what an operation asks of the subgraphs, with its variables, before it is planned.
 *
 * The model: every field costs 1, and everything selected below a list is counted once per
 * element the list may hold — a field with a page size argument (`first`) by its value (the
 * argument's default, or `defaultPageSize`, when absent); a list of municipalities, and a
 * national aggregate (`programmeStats`, every alias of it), by the 98 municipalities it covers
 * ({@link NATIONAL_TYPES}); any other list field by `assumedListSize`; the `edges` list inside
 * a connection by 1, as its connection already counted the page. `__typename` is free. So
 * `municipalities { youth(first: 100) { edges { node { id name } } } }` costs
 * 1 + 98 × (1 + 100 × (1 + 1 × (1 + 2))) = 39,299.
 *
 * The same walk finds page size arguments above `maxPageSize`, on every field of the operation,
 * fragments included. Fragments are costed once each (cost is linear in the multiplier), so
 * fragments spreading fragments cannot make the analysis itself slow.
 *
 * @param options.schema - the API schema the operation was validated against
 * @param options.operation - the operation to run
 * @param options.fragments - the document's fragments
 * @param options.variables - the request's variables
 * @param options.limits - page sizes and list lengths of the model
 */
export function analyseOperation(options: {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Readonly<Record<string, unknown>> | undefined;
  limits: Pick<QueryLimits, 'maxPageSize' | 'defaultPageSize' | 'assumedListSize'>;
}): OperationAnalysis {
  const { schema, operation, fragments, limits } = options;
  const variables = { ...defaultsOf(operation), ...options.variables };
  const oversizedPages: OversizedPage[] = [];
  const fragmentCosts = new Map<string, number>();
  const visiting = new Set<string>();

  const intValue = (node: ValueNode): number | undefined => {
    if (node.kind === Kind.INT) return Number.parseInt(node.value, 10);
    if (node.kind === Kind.VARIABLE) {
      const value = variables[node.name.value];
      return typeof value === 'number' ? value : undefined;
    }
    return undefined;
  };

  const pageSizeOf = (
    field: FieldNode,
    definition: GraphQLField<unknown, unknown>,
    parentName: string,
  ): number | undefined => {
    let size: number | undefined;
    for (const argument of definition.args) {
      if (!PAGE_SIZE_ARGUMENTS.has(argument.name)) continue;
      const given = field.arguments?.find((a: ArgumentNode) => a.name.value === argument.name);
      const value = given ? intValue(given.value) : undefined;
      const defaulted =
        value ??
        (typeof argument.defaultValue === 'number' ? argument.defaultValue : undefined) ??
        limits.defaultPageSize;
      if (value !== undefined && value > limits.maxPageSize) {
        oversizedPages.push({ field: `${parentName}.${definition.name}`, size: value });
      }
      size = Math.max(size ?? 0, Math.max(0, defaulted));
    }
    return size;
  };

  const costOf = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined): number => {
    // Structural checks, not graphql-js's `instanceof`: the gateway's schema is built by
    // federation's own copy of graphql where CommonJS and ES module builds both load.
    if (!parent || !('getFields' in parent)) return 0;
    const fields = parent.getFields() as Record<string, GraphQLField<unknown, unknown>>;
    const inConnection = 'pageInfo' in fields && 'edges' in fields;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(selection, parent, fields, inConnection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parent;
        cost += costOf(selection.selectionSet, type ?? undefined);
      } else {
        cost += fragmentCost(selection.name.value);
      }
    }
    return cost;
  };

  const fieldCost = (
    field: FieldNode,
    parent: GraphQLNamedType,
    fields: Record<string, GraphQLField<unknown, unknown>>,
    inConnection: boolean,
  ): number => {
    const name = field.name.value;
    if (name === '__typename') return 0;
    const definition =
      name === '__schema'
        ? SchemaMetaFieldDef
        : name === '__type'
          ? TypeMetaFieldDef
          : fields[name];
    // An unknown field is refused by validation before this runs.
    if (!definition) return 1;
    const pageSize = pageSizeOf(field, definition, parent.name);
    const listed = String(definition.type).replace(/!$/, '').startsWith('[');
    const named = namedTypeOf(definition.type);
    const national = NATIONAL_TYPES.has(named.name) && (listed || named.name !== 'Municipality');
    const fixed = fixedListSize(`${parent.name}.${name}`);
    const multiplier =
      pageSize ??
      fixed ??
      (national
        ? MUNICIPALITIES_IN_DENMARK
        : listed
          ? inConnection
            ? 1
            : limits.assumedListSize
          : 1);
    const inner = field.selectionSet ? costOf(field.selectionSet, named) : 0;
    return 1 + multiplier * inner;
  };

  const fixedListSize = (coordinate: string): number | undefined => {
    const size = FIXED_LIST_SIZES[coordinate];
    if (size === undefined || typeof size === 'number') return size;
    const values = schema.getType(size.valuesOf);
    return values && 'getValues' in values ? values.getValues().length : undefined;
  };

  const fragmentCost = (name: string): number => {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || visiting.has(name)) return 0;
    visiting.add(name);
    const cost = costOf(
      fragment.selectionSet,
      schema.getType(fragment.typeCondition.name.value) ?? undefined,
    );
    visiting.delete(name);
    fragmentCosts.set(name, cost);
    return cost;
  };

  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const cost = costOf(operation.selectionSet, root ?? undefined);
  return { cost, oversizedPages };
}

/** The named type inside list and non-null wrappers. */
function namedTypeOf(type: GraphQLOutputType): GraphQLNamedType {
  let inner: GraphQLOutputType = type;
  while ('ofType' in inner) inner = inner.ofType;
  return inner;
}

/** Integer defaults of the operation's variables (`query($first: Int = 50)`). */
function defaultsOf(operation: OperationDefinitionNode): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const value = definition.defaultValue;
    if (value?.kind === Kind.INT) {
      defaults[definition.variable.name.value] = Number.parseInt(value.value, 10);
    }
  }
  return defaults;
}
